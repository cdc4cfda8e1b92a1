//! The Scenario menu's presets: pure data. Each one resets the cluster, applies its files and
//! lists a few guided steps (commands to paste into the terminal, node buttons, a file to edit).
//! The prose is in every language of the page (`Tr`); manifests and commands are not translated.

use crate::ui::i18n::Tr;

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
    pub note: Tr,
}

/// A scenario of the menu.
///
/// Its files and steps are behind functions (`files()`, `steps()`): the table of presets then
/// points to no manifest or guide, so the page's first load, which reads the default preset's
/// only, carries no other (the split of the page's wasm, scripts/split-wasm.mjs, leaves a
/// function the first load does not call, and what only it points to, to the second part).
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// Stable id: the `<option>` value and the `data-preset` attribute.
    pub id: &'static str,
    /// The menu's label and the terminal's "Scenario:" line.
    pub title: Tr,
    /// One or two sentences: what the scenario shows.
    pub summary: Tr,
    files: fn() -> &'static [PresetFile],
    steps: fn() -> &'static [Step],
}

impl Preset {
    /// The editor's files.
    pub fn files(&self) -> &'static [PresetFile] {
        (self.files)()
    }

    /// The guide's steps.
    pub fn steps(&self) -> &'static [Step] {
        (self.steps)()
    }
}

/// Presets are told apart by their id.
impl PartialEq for Preset {
    fn eq(&self, other: &Preset) -> bool {
        self.id == other.id
    }
}

impl Eq for Preset {}

/// The StatefulSet preset's manifest: its headless Service and three nginx pods with a claim
/// each.
pub const WEB_STATEFULSET: &str = "apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  clusterIP: None
  selector:
    app: web
  ports:
    - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.25
          volumeMounts:
            - name: data
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
";

/// The DaemonSet preset's manifest: one agent pod per node.
pub const NODE_AGENT_DAEMONSET: &str = "apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-agent
spec:
  selector:
    matchLabels:
      app: node-agent
  template:
    metadata:
      labels:
        app: node-agent
    spec:
      containers:
        - name: agent
          image: busybox:1.36
          command: [sh, -c, sleep 3600]
";

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

/// The nginx Deployment for a canary: one new pod at a time (maxSurge 1, maxUnavailable 0), each
/// counted available only 10 s after it is ready, which leaves time to pause after the first.
pub const CANARY_DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
spec:
  replicas: 3
  minReadySeconds: 10
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
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
        title: Tr { en: "Rolling update", ko: "롤링 업데이트" },
        summary: Tr {
            en: "Three nginx pods behind a Service. A new image replaces them a few at a time: \
                 traffic keeps flowing throughout.",
            ko: "서비스 뒤에 nginx 파드 세 개가 있습니다. 새 이미지가 파드를 몇 개씩 차례로 교체하는 \
                 동안에도 트래픽은 계속 흐릅니다.",
        },
        files: || &[
            PresetFile { name: "deployment.yaml", text: crate::scenarios::NGINX_DEPLOYMENT, apply_on_load: true },
            NGINX_SERVICE_FILE,
        ],
        steps: || &[
            Step {
                action: StepAction::Paste(SET_IMAGE_115),
                note: Tr {
                    en: "old and new pods overlap; the Service always has ready endpoints",
                    ko: "이전 파드와 새 파드가 함께 실행되고, 서비스에는 늘 준비된 엔드포인트가 있습니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl rollout status deployment/nginx-deployment"),
                note: Tr { en: "waits until the rollout is done", ko: "롤아웃이 끝날 때까지 기다립니다" },
            },
            Step {
                action: StepAction::Paste("kubectl rollout history deployment/nginx-deployment"),
                note: Tr { en: "one revision per template", ko: "파드 템플릿마다 리비전이 하나씩 있습니다" },
            },
        ],
    },
    Preset {
        id: "recreate",
        title: Tr { en: "Recreate", ko: "재생성 (Recreate)" },
        summary: Tr {
            en: "The same Deployment with strategy Recreate: every old pod is stopped before any new \
                 one starts, so the Service has no endpoints for a while (watch the timeline).",
            ko: "같은 디플로이먼트를 Recreate 전략으로 실행합니다. 새 파드가 하나라도 시작되기 전에 이전 \
                 파드가 모두 정지되므로, 한동안 서비스에 엔드포인트가 없습니다 (타임라인을 보세요).",
        },
        files: || &[PresetFile { name: "deployment.yaml", text: RECREATE_DEPLOYMENT, apply_on_load: true }, NGINX_SERVICE_FILE],
        steps: || &[
            Step {
                action: StepAction::Paste(SET_IMAGE_115),
                note: Tr {
                    en: "all old pods terminate first: a gap with nothing ready",
                    ko: "이전 파드가 먼저 모두 종료됩니다: 준비된 파드가 하나도 없는 공백이 생깁니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl get endpoints nginx"),
                note: Tr { en: "empty during the gap", ko: "공백 동안에는 비어 있습니다" },
            },
        ],
    },
    Preset {
        id: "blue-green",
        title: Tr { en: "Blue/green", ko: "블루/그린" },
        summary: Tr {
            en: "Two Deployments run side by side: blue (nginx:1.14) and green (nginx:1.16). The \
                 Service web sends traffic to one of them, chosen by its selector.",
            ko: "디플로이먼트 두 개가 나란히 실행됩니다: 블루(nginx:1.14)와 그린(nginx:1.16). 서비스 web은 \
                 셀렉터로 고른 한쪽에만 트래픽을 보냅니다.",
        },
        files: || &[
            PresetFile { name: "deployments.yaml", text: BLUE_GREEN_DEPLOYMENTS, apply_on_load: true },
            PresetFile { name: "service.yaml", text: BLUE_GREEN_SERVICE, apply_on_load: true },
        ],
        steps: || &[
            Step {
                action: StepAction::OpenFile("service.yaml"),
                note: Tr {
                    en: "change version: blue to version: green, then Apply",
                    ko: "version: blue를 version: green으로 바꾸고 적용을 누르세요",
                },
            },
            Step {
                action: StepAction::Paste("kubectl describe service web"),
                note: Tr {
                    en: "the Endpoints line lists the pods traffic goes to",
                    ko: "Endpoints 줄에 트래픽을 받는 파드가 나옵니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl get pods -L version"),
                note: Tr {
                    en: "both versions keep running: switching back is instant",
                    ko: "두 버전이 모두 계속 실행되므로 되돌리기도 즉시 됩니다",
                },
            },
        ],
    },
    Preset {
        id: "canary",
        title: Tr { en: "Canary (pause/resume)", ko: "카나리 (pause/resume)" },
        summary: Tr {
            en: "Change the image, then pause the rollout at once: one new pod (the canary) serves \
                 next to three old ones. Resume when it looks good.",
            ko: "이미지를 바꾸고 곧바로 롤아웃을 일시 중지하세요. 새 파드 하나(카나리)가 이전 파드 세 개와 \
                 함께 트래픽을 받습니다. 괜찮아 보이면 재개하세요.",
        },
        files: || &[PresetFile { name: "deployment.yaml", text: CANARY_DEPLOYMENT, apply_on_load: true }, NGINX_SERVICE_FILE],
        steps: || &[
            Step {
                action: StepAction::Paste(SET_IMAGE_115),
                note: Tr {
                    en: "one new pod starts (maxSurge 1); no old pod goes before it is available",
                    ko: "새 파드 하나가 시작되고(maxSurge 1), 그 파드가 사용 가능해지기 전에는 이전 파드가 줄지 않습니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl rollout pause deployment/nginx-deployment"),
                note: Tr {
                    en: "at once: the canary and the old pods share the traffic",
                    ko: "곧바로 실행하세요: 카나리와 이전 파드가 트래픽을 나눠 받습니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl rollout resume deployment/nginx-deployment"),
                note: Tr { en: "the rollout goes on, one pod at a time", ko: "롤아웃이 파드 하나씩 계속됩니다" },
            },
        ],
    },
    Preset {
        id: "failing",
        title: Tr { en: "Failing rollout", ko: "실패하는 롤아웃" },
        summary: Tr {
            en: "A readiness probe guards the rollout. The new image never becomes ready, so the \
                 rollout stalls, exceeds its 30 s progress deadline, and is undone.",
            ko: "레디니스 프로브가 롤아웃을 지킵니다. 새 이미지는 끝내 준비되지 않으므로 롤아웃이 멈추고, \
                 30초의 진행 기한(progress deadline)을 넘긴 뒤 롤백됩니다.",
        },
        files: || &[PresetFile { name: "deployment.yaml", text: PROBED_DEPLOYMENT, apply_on_load: true }, NGINX_SERVICE_FILE],
        steps: || &[
            Step {
                action: StepAction::Paste("kubectl set image deployment/nginx-deployment nginx=kubeplay/never-ready:v2"),
                note: Tr {
                    en: "new pods run but never become ready: no traffic reaches them",
                    ko: "새 파드는 실행되지만 준비되지 않으므로 트래픽을 받지 못합니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl rollout status deployment/nginx-deployment"),
                note: Tr { en: "gives up after the progress deadline", ko: "진행 기한이 지나면 기다리기를 그만둡니다" },
            },
            Step {
                action: StepAction::Paste("kubectl rollout undo deployment/nginx-deployment"),
                note: Tr { en: "back to the previous revision", ko: "이전 리비전으로 롤백합니다" },
            },
        ],
    },
    Preset {
        id: "self-healing",
        title: Tr { en: "Self-healing", ko: "자가 치유" },
        summary: Tr {
            en: "Delete every pod at once: the ReplicaSet notices the missing replicas and creates \
                 new pods right away.",
            ko: "파드를 한꺼번에 모두 삭제해 보세요. 레플리카셋이 모자란 레플리카를 알아채고 곧바로 \
                 새 파드를 만듭니다.",
        },
        files: || &[
            PresetFile { name: "deployment.yaml", text: crate::scenarios::NGINX_DEPLOYMENT, apply_on_load: true },
            NGINX_SERVICE_FILE,
        ],
        steps: || &[
            Step {
                action: StepAction::Paste("kubectl delete pod -l app=nginx-pod --wait=false"),
                note: Tr {
                    en: "replacements appear before the old pods are gone",
                    ko: "이전 파드가 사라지기 전에 대신할 파드가 나타납니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl get pods"),
                note: Tr { en: "new names, same count", ko: "이름은 새것이고, 개수는 그대로입니다" },
            },
        ],
    },
    Preset {
        id: "node-failure",
        title: Tr { en: "Node failure", ko: "노드 장애" },
        summary: Tr {
            en: "Stop a node's kubelet. After 40 s the node is NotReady and its pods get no traffic; \
                 after 300 s more they are replaced on the other node (try the 20× speed).",
            ko: "노드의 kubelet을 멈춰 보세요. 40초 뒤 노드가 NotReady가 되어 그 노드의 파드는 트래픽을 \
                 받지 못하고, 300초가 더 지나면 다른 노드에 새 파드가 만들어집니다 (20× 속도를 써 보세요).",
        },
        files: || &[
            PresetFile { name: "deployment.yaml", text: crate::scenarios::NGINX_DEPLOYMENT, apply_on_load: true },
            NGINX_SERVICE_FILE,
        ],
        steps: || &[
            Step {
                action: StepAction::Node("node-2", false),
                note: Tr { en: "the node stops reporting", ko: "노드가 상태 보고를 멈춥니다" },
            },
            Step {
                action: StepAction::Paste("kubectl get nodes"),
                note: Tr { en: "NotReady after 40 s", ko: "40초 뒤 NotReady가 됩니다" },
            },
            Step {
                action: StepAction::Paste("kubectl get pods -o wide"),
                note: Tr { en: "where the pods run", ko: "파드가 어느 노드에서 실행되는지 봅니다" },
            },
            Step {
                action: StepAction::Node("node-2", true),
                note: Tr { en: "the node comes back", ko: "노드가 돌아옵니다" },
            },
        ],
    },
    Preset {
        id: "statefulset",
        title: Tr { en: "StatefulSet", ko: "스테이트풀셋" },
        summary: Tr {
            en: "Pods named web-0, web-1, web-2, each with its own claim, made one at a time. A new \
                 image replaces them one by one from the highest number down.",
            ko: "web-0, web-1, web-2라는 이름의 파드가 각자 자기 볼륨 클레임을 갖고 하나씩 차례로 만들어집니다. \
                 새 이미지는 가장 높은 번호부터 하나씩 파드를 교체합니다.",
        },
        files: || &[PresetFile { name: "statefulset.yaml", text: WEB_STATEFULSET, apply_on_load: true }],
        steps: || &[
            Step {
                action: StepAction::Paste("kubectl set image statefulset/web nginx=nginx:1.26"),
                note: Tr {
                    en: "web-2, then web-1, then web-0: each keeps its name and claim",
                    ko: "web-2, web-1, web-0 순서로 바뀌고, 이름과 클레임은 그대로입니다",
                },
            },
            Step {
                action: StepAction::Paste("kubectl scale statefulset/web --replicas=5"),
                note: Tr { en: "web-3, then web-4, each once the one before is ready", ko: "앞 파드가 준비되면 web-3, 그다음 web-4가 만들어집니다" },
            },
            Step {
                action: StepAction::Paste("kubectl get pvc"),
                note: Tr { en: "one claim per pod; claims stay when pods go", ko: "파드마다 클레임이 하나 있고, 파드가 사라져도 남습니다" },
            },
        ],
    },
    Preset {
        id: "daemonset",
        title: Tr { en: "DaemonSet", ko: "데몬셋" },
        summary: Tr {
            en: "One agent pod on every node. A new image replaces them node by node: the old pod \
                 goes, then the new one starts there.",
            ko: "노드마다 에이전트 파드가 하나씩 있습니다. 새 이미지는 노드별로 차례로 적용됩니다: 이전 파드가 \
                 사라진 뒤 그 노드에 새 파드가 시작됩니다.",
        },
        files: || &[PresetFile { name: "daemonset.yaml", text: NODE_AGENT_DAEMONSET, apply_on_load: true }],
        steps: || &[
            Step {
                action: StepAction::Paste("kubectl set image daemonset/node-agent agent=busybox:1.37"),
                note: Tr { en: "one node at a time (maxUnavailable 1)", ko: "한 번에 노드 하나씩 바뀝니다 (maxUnavailable 1)" },
            },
            Step {
                action: StepAction::Paste("kubectl rollout status daemonset/node-agent"),
                note: Tr { en: "waits until every node runs the new pod", ko: "모든 노드에서 새 파드가 실행될 때까지 기다립니다" },
            },
            Step {
                action: StepAction::Paste("kubectl cordon node-2"),
                note: Tr { en: "a cordoned node keeps its daemon pod", ko: "cordon된 노드에도 데몬 파드는 남습니다" },
            },
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
