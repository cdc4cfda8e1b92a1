//! The Scenario menu's presets: pure data. Each one resets the cluster, applies its files and
//! lists a few guided steps (commands to paste into the terminal, node buttons, a file to edit).

/// One file of a preset's editor, applied when the preset loads if `apply_on_load`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PresetFile {
    /// The name `kubectl apply -f` sees and the editor's tab shows.
    pub name: &'static str,
    pub text: &'static str,
    pub apply_on_load: bool,
}

/// What a guided step does when its button is pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepAction {
    /// Pastes the command into the terminal's prompt (the learner presses Enter).
    Paste(&'static str),
    /// Stops (`false`) or starts (`true`) a node's kubelet.
    Node(&'static str, bool),
    /// Opens the editor's file with this name.
    OpenFile(&'static str),
}

/// One line of a preset's guide: what to do and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub action: StepAction,
    /// The sentence after the button: what to watch.
    pub note: &'static str,
}

/// A scenario of the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Stable id: the `<option>` value and the `data-preset` attribute.
    pub id: &'static str,
    pub title: &'static str,
    /// One or two sentences: what the scenario shows.
    pub summary: &'static str,
    pub files: &'static [PresetFile],
    pub steps: &'static [Step],
}

/// The virtual seconds a preset runs after its files are applied, so it opens settled.
pub const SETTLE_TICKS: u32 = 20;

/// The Service in front of the nginx pods of most presets: it makes the traffic visible.
pub const NGINX_SERVICE: &str = "apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app: nginx-pod
  ports:
    - port: 80
      targetPort: 80
";

const NGINX_SERVICE_FILE: PresetFile = PresetFile { name: "service.yaml", text: NGINX_SERVICE, apply_on_load: true };

/// The nginx Deployment with the Recreate strategy: every old pod goes before a new one starts.
pub const RECREATE_DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: 3
  strategy:
    type: Recreate
  selector:
    matchLabels:
      app: nginx-pod
  template:
    metadata:
      labels:
        app: nginx-pod
    spec:
      containers:
        - name: nginx
          image: nginx:1.14
          ports:
            - containerPort: 80
";

/// The nginx Deployment with a readiness probe and a 30 s progress deadline: a new image that
/// never becomes ready stalls the rollout, and the Deployment says so after 30 s.
pub const PROBED_DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: 3
  progressDeadlineSeconds: 30
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 1
      maxSurge: 1
  selector:
    matchLabels:
      app: nginx-pod
  template:
    metadata:
      labels:
        app: nginx-pod
    spec:
      containers:
        - name: nginx
          image: nginx:1.14
          ports:
            - containerPort: 80
          readinessProbe:
            httpGet:
              path: /
              port: 80
            periodSeconds: 2
";

/// Two Deployments side by side: blue (the live version) and green (the next one). Green runs
/// nginx:1.16 rather than 1.15 because the page draws 1.16 green and 1.15 orange (layout::HUES).
pub const BLUE_GREEN_DEPLOYMENTS: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-blue
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      version: blue
  template:
    metadata:
      labels:
        app: web
        version: blue
    spec:
      containers:
        - name: web
          image: nginx:1.14
          ports:
            - containerPort: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web-green
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
      version: green
  template:
    metadata:
      labels:
        app: web
        version: green
    spec:
      containers:
        - name: web
          image: nginx:1.16
          ports:
            - containerPort: 80
";

/// The Service `web`, sending traffic to the blue pods. The learner edits `version` and applies.
pub const BLUE_GREEN_SERVICE: &str = "apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
    version: blue   # change to green, then Apply
  ports:
    - port: 80
      targetPort: 80
";

const SET_IMAGE_115: &str = "kubectl set image deployment/nginx-deployment nginx=nginx:1.15";

/// Every preset, in menu order; the first is the page's default.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "rolling",
        title: "Rolling update",
        summary: "Three nginx pods behind a Service. A new image replaces them a few at a time: \
                  traffic keeps flowing throughout.",
        files: &[
            PresetFile { name: "deployment.yaml", text: crate::scenarios::NGINX_DEPLOYMENT, apply_on_load: true },
            NGINX_SERVICE_FILE,
        ],
        steps: &[
            Step { action: StepAction::Paste(SET_IMAGE_115), note: "old and new pods overlap; the Service always has ready endpoints" },
            Step { action: StepAction::Paste("kubectl rollout status deployment/nginx-deployment"), note: "waits until the rollout is done" },
            Step { action: StepAction::Paste("kubectl rollout history deployment/nginx-deployment"), note: "one revision per template" },
        ],
    },
    Preset {
        id: "recreate",
        title: "Recreate",
        summary: "The same Deployment with strategy Recreate: every old pod is stopped before any new \
                  one starts, so the Service has no endpoints for a while (watch the timeline).",
        files: &[PresetFile { name: "deployment.yaml", text: RECREATE_DEPLOYMENT, apply_on_load: true }, NGINX_SERVICE_FILE],
        steps: &[
            Step { action: StepAction::Paste(SET_IMAGE_115), note: "all old pods terminate first: a gap with nothing ready" },
            Step { action: StepAction::Paste("kubectl get endpoints nginx"), note: "empty during the gap" },
        ],
    },
    Preset {
        id: "blue-green",
        title: "Blue/green",
        summary: "Two Deployments run side by side: blue (nginx:1.14) and green (nginx:1.16). The \
                  Service web sends traffic to one of them, chosen by its selector.",
        files: &[
            PresetFile { name: "deployments.yaml", text: BLUE_GREEN_DEPLOYMENTS, apply_on_load: true },
            PresetFile { name: "service.yaml", text: BLUE_GREEN_SERVICE, apply_on_load: true },
        ],
        steps: &[
            Step { action: StepAction::OpenFile("service.yaml"), note: "change version: blue to version: green, then Apply" },
            Step { action: StepAction::Paste("kubectl describe service web"), note: "the Endpoints line lists the pods traffic goes to" },
            Step { action: StepAction::Paste("kubectl get pods -L version"), note: "both versions keep running: switching back is instant" },
        ],
    },
    Preset {
        id: "failing",
        title: "Failing rollout",
        summary: "A readiness probe guards the rollout. The new image never becomes ready, so the \
                  rollout stalls, exceeds its 30 s progress deadline, and is undone.",
        files: &[PresetFile { name: "deployment.yaml", text: PROBED_DEPLOYMENT, apply_on_load: true }, NGINX_SERVICE_FILE],
        steps: &[
            Step {
                action: StepAction::Paste("kubectl set image deployment/nginx-deployment nginx=kubeplay/never-ready:v2"),
                note: "new pods run but never become ready: no traffic reaches them",
            },
            Step { action: StepAction::Paste("kubectl rollout status deployment/nginx-deployment"), note: "gives up after the progress deadline" },
            Step { action: StepAction::Paste("kubectl rollout undo deployment/nginx-deployment"), note: "back to the previous revision" },
        ],
    },
    Preset {
        id: "self-healing",
        title: "Self-healing",
        summary: "Delete every pod at once: the ReplicaSet notices the missing replicas and creates \
                  new pods right away.",
        files: &[
            PresetFile { name: "deployment.yaml", text: crate::scenarios::NGINX_DEPLOYMENT, apply_on_load: true },
            NGINX_SERVICE_FILE,
        ],
        steps: &[
            Step { action: StepAction::Paste("kubectl delete pod -l app=nginx-pod --wait=false"), note: "replacements appear before the old pods are gone" },
            Step { action: StepAction::Paste("kubectl get pods"), note: "new names, same count" },
        ],
    },
    Preset {
        id: "node-failure",
        title: "Node failure",
        summary: "Stop a node's kubelet. After 40 s the node is NotReady and its pods get no traffic; \
                  after 300 s more they are replaced on the other node (try the 20× speed).",
        files: &[
            PresetFile { name: "deployment.yaml", text: crate::scenarios::NGINX_DEPLOYMENT, apply_on_load: true },
            NGINX_SERVICE_FILE,
        ],
        steps: &[
            Step { action: StepAction::Node("node-2", false), note: "the node stops reporting" },
            Step { action: StepAction::Paste("kubectl get nodes"), note: "NotReady after 40 s" },
            Step { action: StepAction::Paste("kubectl get pods -o wide"), note: "where the pods run" },
            Step { action: StepAction::Node("node-2", true), note: "the node comes back" },
        ],
    },
];

/// The preset with this id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|preset| preset.id == id)
}

/// The page's default preset.
pub fn default_preset() -> &'static Preset {
    &PRESETS[0]
}
