#!/usr/bin/env bash
# Serves dist/ with Debian's nginx and the configuration in deploy/nginx, as it would run in production,
# on a loopback port, under a base path. Used by the browser tests; runs in the foreground.
#   usage: scripts/serve-nginx.sh PORT [BASE=/docs/go-trace/]
# dist/ must have been built with the same base (SITE_BASE=BASE npm run build).
set -euo pipefail
port=${1:?port}
base=${2:-/docs/go-trace/}
repo=$(cd "$(dirname "$0")/.." && pwd)
command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install -y nginx)" >&2; exit 2; }
[ -f "$repo/deploy/generated/csp.conf" ] || { echo "no build: run SITE_BASE=$base npm run build first" >&2; exit 2; }

work=$(mktemp -d /tmp/field-guide-nginx.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/conf" "$work/logs" "$work/tmp" "$work/site$(dirname "${base%/}")"
# The site root holds dist/ at the base path, exactly as the Dockerfile lays it out.
ln -s "$repo/dist" "$work/site${base%/}"
cp "$repo/deploy/nginx/security-headers.conf" "$repo/deploy/nginx/isolation-headers.conf" "$repo/deploy/generated/csp.conf" "$work/conf/"
sed -e "s#\${SITE_BASE}#$base#g" -e "s#\${LISTEN}#127.0.0.1:$port#g" \
    -e "s#\${SITE_ROOT}#$work/site#g" -e "s#\${CONF_DIR}#$work/conf#g" \
    "$repo/deploy/nginx/field-guide.conf.template" > "$work/conf/site.conf"
cat > "$work/conf/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/logs/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path $work/tmp/body;
    proxy_temp_path $work/tmp/proxy;
    fastcgi_temp_path $work/tmp/fastcgi;
    uwsgi_temp_path $work/tmp/uwsgi;
    scgi_temp_path $work/tmp/scgi;
    disable_symlinks off;
    include $work/conf/site.conf;
}
CONF
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root;"
[ -n "$user_line" ] && sed -i "1i $user_line" "$work/conf/nginx.conf"
nginx -t -p "$work" -c "$work/conf/nginx.conf" 2>&1 | grep -v 'successful\|syntax is ok' || true
exec nginx -p "$work" -c "$work/conf/nginx.conf" -g 'daemon off;'
