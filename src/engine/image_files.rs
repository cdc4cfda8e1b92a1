//! The files an image ships that learners look at: nginx's document root and configuration, its
//! Debian release, the images' `/etc/passwd`. `cat`, `ls` and globbing in a container read them; nginx serves its
//! document root (`apps::http_get`). A volume mounted over a directory hides them, as in a real
//! container; a file the learner wrote replaces one (`written_files`).

use crate::engine::api::pod::Container;

/// nginx's welcome page, `/usr/share/nginx/html/index.html`.
pub const NGINX_INDEX: &str = "<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href=\"http://nginx.org/\">nginx.org</a>.<br/>
Commercial support is available at
<a href=\"http://nginx.com/\">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
";

/// `/usr/share/nginx/html/50x.html`.
pub const NGINX_50X: &str = "<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
";

/// `/etc/nginx/nginx.conf` of the nginx.org packages the image installs.
const NGINX_CONF: &str = "
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log notice;
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '
                      '$status $body_bytes_sent \"$http_referer\" '
                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
";

/// `/etc/nginx/conf.d/default.conf`: the server that serves `/usr/share/nginx/html`.
const NGINX_DEFAULT_CONF: &str = "server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }

    # proxy the PHP scripts to Apache listening on 127.0.0.1:80
    #
    #location ~ \\.php$ {
    #    proxy_pass   http://127.0.0.1;
    #}

    # pass the PHP scripts to FastCGI server listening on 127.0.0.1:9000
    #
    #location ~ \\.php$ {
    #    root           html;
    #    fastcgi_pass   127.0.0.1:9000;
    #    fastcgi_index  index.php;
    #    fastcgi_param  SCRIPT_FILENAME  /scripts$fastcgi_script_name;
    #    include        fastcgi_params;
    #}

    # deny access to .htaccess files, if Apache's document root
    # concurs with nginx's one
    #
    #location ~ /\\.ht {
    #    deny  all;
    #}
}

";

/// `/etc/os-release` of Debian 12, the base of the nginx image's default (non-alpine) tags.
pub const DEBIAN_OS_RELEASE: &str = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"
NAME=\"Debian GNU/Linux\"
VERSION_ID=\"12\"
VERSION=\"12 (bookworm)\"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL=\"https://www.debian.org/\"
SUPPORT_URL=\"https://www.debian.org/support\"
BUG_REPORT_URL=\"https://bugs.debian.org/\"
";

/// `/etc/passwd` of Debian 12 with the nginx package's user, as the nginx image has it.
const DEBIAN_NGINX_PASSWD: &str = "root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
nginx:x:101:101:nginx user:/nonexistent:/bin/false
";

/// busybox's `/etc/passwd` (the CKAD exercises copy it out with `kubectl cp`).
const BUSYBOX_PASSWD: &str = "root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
";

/// nginx's document root, where `location /` looks.
pub const NGINX_ROOT: &str = "/usr/share/nginx/html";

fn is_nginx(container: &Container) -> bool {
    let (repo, _) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    repo.rsplit('/').next() == Some("nginx")
}

fn debian_based(container: &Container) -> bool {
    let (_, tag) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    is_nginx(container) && !tag.contains("alpine")
}

/// The text of a file the image ships at `path` (absolute), if kubeplay knows it.
pub fn file(container: &Container, path: &str) -> Option<&'static str> {
    if is_nginx(container) {
        let text = match path {
            "/usr/share/nginx/html/index.html" => Some(NGINX_INDEX),
            "/usr/share/nginx/html/50x.html" => Some(NGINX_50X),
            "/etc/nginx/nginx.conf" => Some(NGINX_CONF),
            "/etc/nginx/conf.d/default.conf" => Some(NGINX_DEFAULT_CONF),
            _ => None,
        };
        if text.is_some() {
            return text;
        }
    }
    match path {
        "/etc/os-release" if debian_based(container) => Some(DEBIAN_OS_RELEASE),
        "/etc/passwd" if debian_based(container) => Some(DEBIAN_NGINX_PASSWD),
        "/etc/passwd" if is_busybox(container) => Some(BUSYBOX_PASSWD),
        _ => None,
    }
}

fn is_busybox(container: &Container) -> bool {
    let (repo, _) = crate::engine::images::split_image(container.image.as_deref().unwrap_or(""));
    repo.rsplit('/').next() == Some("busybox")
}

/// The entries of a directory the image ships at `path` (absolute, no trailing slash), for the
/// directories kubeplay knows.
pub fn dir(container: &Container, path: &str) -> Option<&'static [&'static str]> {
    if !is_nginx(container) {
        return None;
    }
    match path {
        "/usr/share" => Some(&["nginx"]),
        "/usr/share/nginx" => Some(&["html"]),
        "/usr/share/nginx/html" => Some(&["50x.html", "index.html"]),
        "/etc/nginx" => Some(&["conf.d", "fastcgi_params", "mime.types", "modules", "nginx.conf", "scgi_params", "uwsgi_params"]),
        "/etc/nginx/conf.d" => Some(&["default.conf"]),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(image: &str) -> Container {
        Container { image: Some(image.into()), ..Default::default() }
    }

    #[test]
    fn nginx_ships_its_document_root_and_configuration() {
        let nginx = container("nginx:1.25");
        assert_eq!(file(&nginx, "/usr/share/nginx/html/index.html"), Some(NGINX_INDEX));
        assert!(file(&nginx, "/etc/nginx/conf.d/default.conf").is_some_and(|t| t.contains("root   /usr/share/nginx/html;")));
        assert!(file(&nginx, "/etc/os-release").is_some_and(|t| t.contains("bookworm")));
        assert_eq!(file(&container("nginx:alpine"), "/etc/os-release"), None);
        assert!(file(&container("busybox:1.36"), "/etc/passwd").is_some_and(|t| t.starts_with("root:x:0:0:root:/root:/bin/sh\n")));
        assert!(file(&nginx, "/etc/passwd").is_some_and(|t| t.contains("nginx:x:101:101:nginx user")));
        assert_eq!(file(&container("busybox"), "/usr/share/nginx/html/index.html"), None);
        assert_eq!(dir(&nginx, "/usr/share/nginx/html"), Some(&["50x.html", "index.html"][..]));
        assert_eq!(dir(&container("httpd"), "/etc/nginx"), None);
    }
}
