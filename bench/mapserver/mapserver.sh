#!/usr/bin/env bash
# The MapServer baseline of bench/tiles-vs-mapserver.ts (recipe: ../shared/bench/MAPSERVER.md): MapServer 8 from
# Debian as two FastCGI processes behind lighttpd, on 127.0.0.1 only.
#
#   bench/mapserver/mapserver.sh check                          exit 1 and say how to install when a binary is missing
#   bench/mapserver/mapserver.sh install                        apt-get the packages (root)
#   bench/mapserver/mapserver.sh start BENCH_DIR COG_DIR [PORT] render the templates into BENCH_DIR, start lighttpd
#   bench/mapserver/mapserver.sh stop BENCH_DIR                 stop that lighttpd and its mapserv processes, by PID
#
# COG_DIR holds gm_jpeg.tif and native_jpeg.tif. Smoke test once started:
#   curl -o t.png 'http://127.0.0.1:8081/mapserv?map=PX&mode=tile&tilemode=gmap&tile=X+Y+Z&layers=gm&map.imagetype=png'
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PACKAGES="gdal-bin cgi-mapserver mapserver-bin lighttpd wrk"
BINARIES="/usr/lib/cgi-bin/mapserv /usr/sbin/lighttpd /usr/bin/wrk /usr/bin/gdalinfo"

check() {
  local missing=()
  for b in $BINARIES; do [ -x "$b" ] || missing+=("$b"); done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "missing: ${missing[*]}" >&2
    echo "install (Debian 12, root): apt-get install -y --no-install-recommends $PACKAGES" >&2
    echo "   or: bench/mapserver/mapserver.sh install   or: npx tsx bench/tiles-vs-mapserver.ts --install" >&2
    return 1
  fi
}

start() {
  local dir="$1" cogs="$2" port="${3:-8081}"
  [ -f "$cogs/gm_jpeg.tif" ] && [ -f "$cogs/native_jpeg.tif" ] || { echo "no COGs in $cogs" >&2; exit 1; }
  if [ -f "$dir/lighttpd.pid" ] && kill -0 "$(cat "$dir/lighttpd.pid")" 2>/dev/null; then
    echo "already running: lighttpd $(cat "$dir/lighttpd.pid")" >&2
    exit 1
  fi
  mkdir -p "$dir/maps" "$dir/www"
  local subst="s|@BENCH_DIR@|$dir|g; s|@COG_DIR@|$cogs|g; s|@PORT@|$port|g"
  sed "$subst" "$HERE/mapserver.conf.in" >"$dir/maps/mapserver.conf"
  sed "$subst" "$HERE/px.map.in" >"$dir/maps/px.map"
  sed "$subst" "$HERE/lighttpd.conf.in" >"$dir/lighttpd.conf"
  rm -f "$dir/mapserv.sock"*
  /usr/sbin/lighttpd -f "$dir/lighttpd.conf" # daemonises and writes the pid file once it listens
  for _ in $(seq 50); do [ -s "$dir/lighttpd.pid" ] && break; sleep 0.1; done
  echo "lighttpd $(cat "$dir/lighttpd.pid") on http://127.0.0.1:$port/mapserv"
}

stop() {
  local dir="$1" pid
  [ -f "$dir/lighttpd.pid" ] || return 0
  pid="$(cat "$dir/lighttpd.pid")"
  # The FastCGI processes lighttpd spawned: lighttpd stops them itself, these PIDs are the safety net.
  local children
  children="$(pgrep -P "$pid" || true)"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  for c in $children; do kill "$c" 2>/dev/null || true; done
  rm -f "$dir/lighttpd.pid"
}

case "${1:-}" in
  check) check ;;
  install) apt-get install -y --no-install-recommends $PACKAGES ;;
  start) [ $# -ge 3 ] || { echo "usage: $0 start BENCH_DIR COG_DIR [PORT]" >&2; exit 2; }; check; start "$2" "$3" "${4:-}" ;;
  stop) [ $# -ge 2 ] || { echo "usage: $0 stop BENCH_DIR" >&2; exit 2; }; stop "$2" ;;
  *) sed -n '2,12p' "$0" >&2; exit 2 ;;
esac
