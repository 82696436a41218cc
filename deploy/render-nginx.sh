#!/usr/bin/env bash
# Renders deploy/nginx.conf with your paths and platform hosts (README, "Deploying to a CDN").
#
#   deploy/render-nginx.sh --dist DIR --server-name NAME --api URL [--reward URL]
#                          [--listen [ADDR:]PORT] [--resolver ADDR] [--access-log PATH]
#                          [--ca-bundle FILE] [--site] [-o FILE]
#
#   --dist DIR        the console's release build (`make dist`); made absolute
#   --server-name N   the name browsers use for the console, e.g. console.example.com (or
#                     several, space-separated); any other Host gets 421
#   --api URL         the cluster's API host, for /v2/, /v1.1/request/ and /v3/oauth/, e.g.
#                     https://eu.api.capillarytech.com
#   --reward URL      the host for /api_gateway/ (reward groups); default: --api. The `.cc`
#                     host (https://eucrm.cc.capillarytech.com) when the console's reward path
#                     is /api_gateway/core/v1, the API host for /api_gateway/rewards/core/v1
#   --listen PORT     what nginx listens on; default 8080 (e.g. 127.0.0.1:8080, 80)
#   --resolver ADDR   DNS server(s) for the platform's host names; default: the nameservers
#                     in /etc/resolv.conf
#   --access-log P    default: access.log in the -p prefix (whole file), or
#                     /var/log/nginx/group-console.access.log (--site)
#   --ca-bundle FILE  the CAs that the platform's certificate is checked against; default:
#                     the system's bundle (Debian's /etc/ssl/certs/ca-certificates.crt, …)
#   --site            only the part that goes inside an existing http { } block, e.g. as
#                     /etc/nginx/conf.d/group-console.conf
#   -o FILE           write here instead of stdout
#
# Then check and run it:  nginx -t -p PREFIX/ -c FILE  and  nginx -p PREFIX/ -c FILE
set -euo pipefail
shopt -u patsub_replacement 2>/dev/null || true   # bash 5.2: "&" in a replacement stays "&"

HERE=$(cd "$(dirname "$0")" && pwd)
TEMPLATE=$HERE/nginx.conf
die() { echo "render-nginx: $*" >&2; exit 2; }

dist="" server_name="" api="" reward="" listen=8080 resolver="" access_log="" ca_bundle="" site=0 out=""
while (($#)); do
  case $1 in
    --dist) dist=${2:-}; shift 2 ;;
    --server-name) server_name=${2:-}; shift 2 ;;
    --api) api=${2:-}; shift 2 ;;
    --reward) reward=${2:-}; shift 2 ;;
    --listen) listen=${2:-}; shift 2 ;;
    --resolver) resolver=${2:-}; shift 2 ;;
    --access-log) access_log=${2:-}; shift 2 ;;
    --ca-bundle) ca_bundle=${2:-}; shift 2 ;;
    --site) site=1; shift ;;
    -o) out=${2:-}; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
done

[[ -n $dist ]] || die "--dist DIR is required (the console's build, from make dist)"
[[ -n $server_name ]] || die "--server-name NAME is required: the name browsers use for the console, e.g. console.example.com"
[[ $server_name =~ ^[][0-9A-Za-z.*:_-]+(\ [][0-9A-Za-z.*:_-]+)*$ && $server_name != "_" ]] \
  || die "--server-name $server_name must be host names separated by spaces (not _: name the console's host)"
[[ -n $api ]] || die "--api URL is required, e.g. --api https://eu.api.capillarytech.com"
[[ -d $dist ]] || die "--dist $dist is not a directory"
dist=$(cd "$dist" && pwd)
[[ -f $dist/index.html ]] || echo "render-nginx: warning: $dist/index.html not found (run make dist)" >&2
[[ $dist != *[\"\\\$\;{}]* ]] || die "--dist must not contain \" \\ \$ ; { or }"

# scheme://host[:port] only: nginx passes the request's own path, so a path here would be lost.
upstream_url() { # upstream_url <flag> <value>
  local u=${2%/}
  [[ $u =~ ^https?://([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$ ]] \
    || die "$1 $2 must be http(s)://host[:port], without a path"
  printf '%s' "$u"
}
api=$(upstream_url --api "$api")
reward=$(upstream_url --reward "${reward:-$api}")
[[ $listen =~ ^([0-9.]+:|\[[0-9A-Fa-f:]+\]:)?[0-9]{1,5}$ ]] || die "--listen $listen must be PORT or ADDR:PORT"

if [[ -z $resolver ]]; then
  resolver=$(awk '/^nameserver/ { a = $2; if (a ~ /:/) a = "[" a "]"; printf "%s%s", s, a; s = " " }' /etc/resolv.conf 2>/dev/null || true)
  [[ -n $resolver ]] || resolver=127.0.0.1
fi
[[ $resolver =~ ^[][0-9A-Za-z.:%\ -]+$ ]] || die "--resolver $resolver is not a list of addresses"
if [[ -z $access_log ]]; then
  if ((site)); then access_log=/var/log/nginx/group-console.access.log; else access_log=access.log; fi
fi
[[ $access_log != *[\"\\\$\;{}\ ]* ]] || die "--access-log must not contain spaces, \" \\ \$ ; { or }"
if [[ -z $ca_bundle ]]; then
  for f in /etc/ssl/certs/ca-certificates.crt /etc/pki/tls/certs/ca-bundle.crt /etc/ssl/ca-bundle.pem /etc/ssl/cert.pem; do
    [[ -f $f ]] && { ca_bundle=$f; break; }
  done
  [[ -n $ca_bundle ]] || die "no CA bundle found: install ca-certificates or pass --ca-bundle FILE"
fi
[[ -f $ca_bundle ]] || die "--ca-bundle $ca_bundle is not a file"
ca_bundle=$(cd "$(dirname "$ca_bundle")" && pwd)/$(basename "$ca_bundle")
[[ $ca_bundle != *[\"\\\$\;{}]* ]] || die "--ca-bundle must not contain \" \\ \$ ; { or }"

text=$(<"$TEMPLATE")
if ((site)); then
  text=$(awk '/# ---- END site/ { on = 0 } on { sub(/^    /, ""); print } /# ---- BEGIN site/ { on = 1 }' <<<"$text")
  text="# Group Console: rendered from deploy/nginx.conf by deploy/render-nginx.sh --site.
# Goes inside nginx's http { } block (e.g. /etc/nginx/conf.d/). Workers must be able to read
# $dist.
$text"
else
  text="# Rendered by deploy/render-nginx.sh from deploy/nginx.conf (edit that, then render again).
$text"
fi
# The precompressed brotli copies need ngx_brotli's static module: its lines (marked
# @IF_BROTLI@) stay only where the module is installed; gzip copies work with any nginx. A
# dedicated nginx loads the module itself; a site relies on the system's modules-enabled.
brotli_module=""
for f in /usr/lib/nginx/modules/ngx_http_brotli_static_module.so /usr/lib64/nginx/modules/ngx_http_brotli_static_module.so; do
  [[ -f $f ]] && { brotli_module=$f; break; }
done
if ((site)) && ! compgen -G '/etc/nginx/modules-enabled/*brotli-static*' >/dev/null; then
  brotli_module=""
fi
if [[ -n $brotli_module ]]; then
  text=$(sed 's/  *# @IF_BROTLI@.*$//' <<<"$text")
  text=${text//@BROTLI_STATIC_MODULE@/$brotli_module}
else
  text=$(grep -v '@IF_BROTLI@' <<<"$text")
fi
text=${text//@DIST@/$dist}
text=${text//@LISTEN@/$listen}
text=${text//@SERVER_NAME@/$server_name}
text=${text//@API_UPSTREAM@/$api}
text=${text//@REWARD_UPSTREAM@/$reward}
text=${text//@RESOLVER@/$resolver}
text=${text//@ACCESS_LOG@/$access_log}
text=${text//@CA_BUNDLE@/$ca_bundle}
[[ $text != *@[A-Z_]*@* ]] || die "a placeholder was left unfilled: $(grep -o '@[A-Z_]*@' <<<"$text" | head -1)"

if [[ -n $out ]]; then
  printf '%s\n' "$text" >"$out"
  echo "render-nginx: wrote $out ($server_name on $listen; /v2/, /v1.1/request/, /v3/oauth/ -> $api; /api_gateway/ -> $reward)" >&2
else
  printf '%s\n' "$text"
fi
