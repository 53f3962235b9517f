# shellcheck shell=bash
# Container images without a registry: a Debian 12 base made with debootstrap from the machine's Debian
# mirror (cached as a tarball under .local/deploy/base), and the services' images built on it from
# Dockerfile.jvm and Dockerfile.native with podman. Needs stt_pods_configure (scripts/lib/pods.sh) first.

[[ -n "${_STT_IMAGES_SH:-}" ]] && return 0
_STT_IMAGES_SH=1

_STT_LIB_DIR="$(dirname -- "${BASH_SOURCE[0]}")"
# shellcheck source=scripts/lib/log.sh
source "$_STT_LIB_DIR/log.sh"
# shellcheck source=scripts/lib/paths.sh
source "$_STT_LIB_DIR/paths.sh"

STT_BASE_SUITE=bookworm
STT_BASE_IMAGE="localhost/stt-deploy-base:$STT_BASE_SUITE"
STT_BASE_CACHE="$STT_LOCAL_DIR/deploy/base/$STT_BASE_SUITE-minbase.tar"
# shellcheck disable=SC2034 # read by scripts/test-deploy.sh
STT_IMAGE_PACKAGES=(debootstrap)

# Debian's own mirror and security sources of this machine, when it runs Debian 12: the base gets the
# same, as debian:bookworm-slim has Debian's. Elsewhere STT_DEBIAN_MIRROR names a mirror.
_stt_debian_sources() {
  local file
  for file in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
    [[ -f "$file" ]] && grep -q "$STT_BASE_SUITE" "$file" && {
      echo "$file"
      return 0
    }
  done
  return 1
}

_stt_debian_mirror() {
  if [[ -n "${STT_DEBIAN_MIRROR:-}" ]]; then
    echo "$STT_DEBIAN_MIRROR"
    return 0
  fi
  local sources
  sources="$(_stt_debian_sources)" || return 1
  # deb822 ("URIs: ...") or one-line ("deb URI suite ...") sources; the first that is not the security archive
  awk '/^URIs:/ { print $2 } /^deb / { print $2 }' "$sources" | grep -v -- '-security' | head -n 1
}

# Writes the base's apt sources: this machine's Debian sources, or the mirror given, without security updates.
_stt_base_apt_sources() {
  local root=$1 mirror=$2 sources
  if sources="$(_stt_debian_sources)" && [[ -z "${STT_DEBIAN_MIRROR:-}" ]]; then
    rm -f -- "$root/etc/apt/sources.list"
    cp -- "$sources" "$root/etc/apt/${sources#/etc/apt/}"
  else
    printf 'deb %s %s main\ndeb %s %s-updates main\n' "$mirror" "$STT_BASE_SUITE" "$mirror" "$STT_BASE_SUITE" \
      >"$root/etc/apt/sources.list"
  fi
}

_stt_base_debootstrap() {
  local mirror root log="$STT_LOG_DIR/deploy-debootstrap.log"
  mirror="$(_stt_debian_mirror)"
  [[ -n "$mirror" ]] || {
    stt_error "no Debian $STT_BASE_SUITE mirror in this machine's apt sources: set STT_DEBIAN_MIRROR"
    return 1
  }
  mkdir -p -- "$(dirname -- "$STT_BASE_CACHE")"
  root="$(mktemp -d "$(dirname -- "$STT_BASE_CACHE")/rootfs.XXXXXX")"
  stt_info "making the Debian $STT_BASE_SUITE base with debootstrap (log: ${log#"$STT_ROOT"/})"
  if ! debootstrap --variant=minbase "$STT_BASE_SUITE" "$root" "$mirror" >"$log" 2>&1; then
    stt_error "debootstrap failed"
    stt_log_tail "$log"
    _stt_base_discard "$root"
    return 1
  fi
  _stt_base_apt_sources "$root" "$mirror"
  # What a slim image leaves out: package lists and downloaded packages.
  rm -rf -- "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/archives/*.deb "$root"/var/cache/apt/*.bin
  tar -C "$root" --numeric-owner -cf "$STT_BASE_CACHE.partial" . && mv -f -- "$STT_BASE_CACHE.partial" "$STT_BASE_CACHE"
  local rc=$?
  _stt_base_discard "$root"
  return "$rc"
}

# Removes a debootstrap tree, after whatever debootstrap left mounted in it (proc, sys on a failure).
_stt_base_discard() {
  local root=$1 mount
  while IFS= read -r mount; do
    umount --lazy -- "$mount" 2>/dev/null || true
  done < <(findmnt -rn -o TARGET | awk -v dir="$root/" 'index($0, dir) == 1' | sort -r)
  rm -rf --one-file-system -- "$root"
}

# stt_base_image_ensure — the base image in podman's storage, from the cached tarball (made once).
stt_base_image_ensure() {
  if [[ "${STT_DEPLOY_REBUILD_BASE:-0}" == 1 ]]; then
    rm -f -- "$STT_BASE_CACHE"
    podman rmi --force "$STT_BASE_IMAGE" >/dev/null 2>&1 || true
  fi
  if podman image exists "$STT_BASE_IMAGE"; then
    stt_info "base image $STT_BASE_IMAGE is there"
    return 0
  fi
  if [[ -s "$STT_BASE_CACHE" ]]; then
    stt_info "base from the cache ${STT_BASE_CACHE#"$STT_ROOT"/}"
  else
    _stt_base_debootstrap || return 1
  fi
  podman import --quiet --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'CMD ["bash"]' "$STT_BASE_CACHE" "$STT_BASE_IMAGE" >/dev/null
}

# stt_image_build DOCKERFILE SERVICE TAG [TARGET] — podman build on the base; log in .local/logs.
stt_image_build() {
  local dockerfile=$1 service=$2 tag=$3 target=${4:-} log
  log="$STT_LOG_DIR/deploy-build-$(basename -- "$dockerfile")-$service.log"
  local args=(--network host --pull=never -f "$STT_ROOT/$dockerfile" --build-arg "SERVICE=$service"
    --build-arg "RUNTIME_IMAGE=$STT_BASE_IMAGE" -t "$tag")
  [[ -n "$target" ]] && args+=(--target "$target")
  stt_info "building $tag from $dockerfile${target:+ (stage $target)} (log: ${log#"$STT_ROOT"/})"
  if ! podman build "${args[@]}" "$STT_ROOT" >"$log" 2>&1; then
    stt_error "building $tag from $dockerfile failed"
    stt_log_tail "$log"
    return 1
  fi
}
