# Sourced by the container scripts (docker/local/): podman with runc and the project's
# containers.conf, which is what runs containers on a machine without a Docker engine. Installs
# Debian's podman, runc, debootstrap and podman's network helpers when they are missing (as root).
CONTAINER_PACKAGES=(podman runc debootstrap netavark aardvark-dns iptables uidmap catatonit)
export CONTAINERS_CONF
CONTAINERS_CONF=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/docker/local/containers.conf

containers_missing() {
  local command
  for command in podman runc debootstrap iptables; do
    command -v "$command" >/dev/null 2>&1 || return 0
  done
  [ -x /usr/lib/podman/netavark ] && [ -x /usr/lib/podman/aardvark-dns ] &&
    [ -x /usr/libexec/podman/catatonit ] && return 1
  return 0
}

if containers_missing; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "podman, runc and debootstrap are needed (Debian: apt-get install ${CONTAINER_PACKAGES[*]})." >&2
    exit 1
  fi
  echo "Installing ${CONTAINER_PACKAGES[*]} from Debian (once; about a minute) ..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${CONTAINER_PACKAGES[@]}" >&2
fi
