#!/usr/bin/env bash
# Checks the README's Quick start on a truly fresh Debian 12: a `debootstrap bookworm` chroot that
# holds nothing but a minimal system and a clone of this repository, where
#   1. `bash scripts/run.sh` with no display (the headless demo) must end with status 0,
#   2. `bash scripts/run.sh` under `xvfb-run -a` must open the window ("window ready") and end
#      with status 0 (run.sh passes `--quit-after 30` on to the app),
#   3. `CI=true bash scripts/test.sh` (what .ci/run runs) must end with status 0.
# The set-up is the scripts' own: the chroot gets only ca-certificates (and this workplace's CA
# bundle, through which package registries are reached) before step 1, and xvfb + xauth (the
# "display") before step 2. Procedure and options: docs/fresh-debian-check.md.
#
#   sudo bash scripts/check-fresh-debian.sh            # a clone of HEAD (commit first)
#   sudo SOURCE=worktree bash scripts/check-fresh-debian.sh   # the work tree, uncommitted files too
#   sudo KEEP=1 bash scripts/check-fresh-debian.sh     # keep the chroot afterwards
# Environment: MIRROR (default: the host's Debian mirror), WORK (default: a new /var/tmp folder),
# STEPS (default "1 2 3"; empty: set up the chroot only). Exit status 0 when every step passed;
# the logs stay in WORK.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ "$(id -u)" -eq 0 ] || { echo "check-fresh-debian: needs root (debootstrap, mount, chroot)" >&2; exit 2; }
debootstrap=$(command -v debootstrap || echo /usr/sbin/debootstrap)
[ -x "$debootstrap" ] || { echo "check-fresh-debian: apt-get install debootstrap" >&2; exit 2; }

# The Debian mirror this machine's apt uses (deb822 "URIs:" or one-line "deb URL bookworm").
host_mirror() {
  local files=(/etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources)
  { grep -hsE '^URIs:' "${files[@]}" | awk '{print $2}'
    grep -hsE '^deb ' "${files[@]}" | awk '{for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) {print $i; break}}'
  } | grep -E '/debian/?$' | head -n1 || true
}
mirror=${MIRROR:-$(host_mirror)}
mirror=${mirror:-http://deb.debian.org/debian}
security=${mirror%/debian}/debian-security
work=${WORK:-$(mktemp -d /var/tmp/translator-fresh.XXXXXX)}
steps=${STEPS-1 2 3}
target=$work/bookworm
mounts=(proc sys dev dev/pts dev/shm)
log() { echo "== check-fresh-debian: $*" >&2; }

cleanup() {
  # anything the checks left running inside the chroot (a sound server, an X server)
  local pid
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    [ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$target" ] && kill -9 "$pid" 2>/dev/null || true
  done
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    mountpoint -q "$target/${mounts[i]}" && { umount "$target/${mounts[i]}" || umount -l "$target/${mounts[i]}"; }
  done
  if grep -q " $target/" /proc/mounts; then
    log "still mounted under $target; not deleting it"
  elif [ "${KEEP:-0}" = 1 ]; then
    log "kept $target"
  else
    rm -rf --one-file-system "$target"
  fi
  log "logs in $work"
}
trap cleanup EXIT

log "debootstrap bookworm from $mirror into $target"
start=$SECONDS
"$debootstrap" --variant=minbase bookworm "$target" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -n 20 "$work/debootstrap.log" >&2; exit 1; }
log "debootstrap took $((SECONDS - start)) s"
cat >"$target/etc/apt/sources.list" <<EOF
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $security bookworm-security main
EOF
mount -t proc proc "$target/proc"
mount -t sysfs sys "$target/sys"
mount --bind /dev "$target/dev"
mount --bind /dev/pts "$target/dev/pts"
mount -t tmpfs -o mode=1777 shm "$target/dev/shm"
cp -L /etc/resolv.conf "$target/etc/resolv.conf"

# A clean environment inside: no host variables, the host's CA bundle for the registries.
inside() {
  chroot "$target" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt PIP_CERT=/etc/ssl/certs/ca-certificates.crt \
    PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 "$@"
}
inside apt-get update -qq
inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ca-certificates >/dev/null
cp /etc/ssl/certs/ca-certificates.crt "$target/etc/ssl/certs/ca-certificates.crt"

clone=$target/root/translator
if [ "${SOURCE:-clone}" = worktree ]; then
  log "copying the work tree of $root (tracked and untracked files, not ignored ones)"
  mkdir -p "$clone"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard \
     | tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$clone"
else
  log "cloning $root (HEAD: $(git -C "$root" rev-parse --short HEAD))"
  git clone -q --no-local "$root" "$clone"
fi

declare -A result
run_step() {  # run_step N "what" command...: records pass/fail, keeps going
  local number=$1 what=$2; shift 2
  [[ " $steps " == *" $number "* ]] || return 0
  log "step $number: $what"
  local began=$SECONDS status=0
  "$@" >"$work/step$number.log" 2>&1 || status=$?
  result[$number]="step $number ($what): exit $status after $((SECONDS - began)) s, log $work/step$number.log"
  tail -n 15 "$work/step$number.log" >&2
  [ "$status" -eq 0 ]
}
failed=0
run_step 1 "bash scripts/run.sh, no display: the headless demo" \
  inside timeout 1800 bash -c 'cd /root/translator && bash scripts/run.sh' || failed=1
if [[ " $steps " == *" 2 "* ]]; then
  inside env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
fi
window() {
  inside timeout 1800 bash -c 'cd /root/translator && xvfb-run -a bash scripts/run.sh --quit-after 30' \
    && grep -q "window ready" "$work/step2.log"
}
run_step 2 "xvfb-run -a bash scripts/run.sh: the window" window || failed=1
run_step 3 "CI=true bash scripts/test.sh" \
  inside timeout 3600 bash -c 'cd /root/translator && CI=true bash scripts/test.sh' || failed=1

log "summary (Debian $(cat "$target/etc/debian_version"), $(inside python3 --version 2>&1 || echo 'no python3'))"
for number in $steps; do echo "  ${result[$number]:-step $number: not run}" >&2; done
exit "$failed"
