# shellcheck shell=bash
# Makes sure the Debian packages the stack needs are installed. As root on Debian/Ubuntu it
# installs what is missing; anywhere else it prints exactly what to install and fails.

[[ -n "${_STT_PREREQS_SH:-}" ]] && return 0
_STT_PREREQS_SH=1

# shellcheck source=scripts/lib/log.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/log.sh"

# What the local stack needs at run time, and what the tests need on top.
STT_RUNTIME_PACKAGES=(postgresql redis-server ffmpeg pocketsphinx pocketsphinx-en-us curl jq)
STT_TEST_PACKAGES=(pocketsphinx-testdata)
# The OpenAI SDK tests (e2e/openai-sdk) run OpenAI's Node SDK: Node.js 20+ with npm.
STT_NODE_MIN_MAJOR=20
STT_JAVA_PACKAGE=openjdk-17-jdk-headless
STT_MAVEN_PACKAGE=maven

_STT_APT_UPDATED=0

# A command that shows each package is there, for systems without dpkg.
_stt_package_command() {
  case "$1" in
    postgresql) echo pg_isready ;;
    redis-server) echo redis-server ;;
    pocketsphinx) echo pocketsphinx_continuous ;;
    pocketsphinx-en-us | pocketsphinx-testdata) echo "" ;;
    *) echo "$1" ;;
  esac
}

_stt_is_debian() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1
}

_stt_package_installed() {
  if _stt_is_debian; then
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" == "install ok installed" ]]
  else
    local cmd
    cmd="$(_stt_package_command "$1")"
    [[ -z "$cmd" ]] || command -v "$cmd" >/dev/null 2>&1
  fi
}

# Java 17+ with a compiler, and Maven: checked by command because they may come from elsewhere
# (SDKMAN, a tarball) than Debian packages.
_stt_missing_java_packages() {
  if ! command -v java >/dev/null 2>&1 || ! command -v javac >/dev/null 2>&1; then
    echo "$STT_JAVA_PACKAGE"
  fi
  if ! command -v mvn >/dev/null 2>&1; then
    echo "$STT_MAVEN_PACKAGE"
  fi
}

# node and npm (the k8s module's schema validator, the browser and OpenAI SDK tests), checked by command:
# Node.js often comes from NodeSource or nvm rather than Debian, and NodeSource's nodejs package carries npm itself.
_stt_missing_node_packages() {
  command -v node >/dev/null 2>&1 || echo nodejs
  command -v npm >/dev/null 2>&1 || echo npm
}

_stt_check_node() {
  local major
  major="$(node --version 2>/dev/null | sed -n 's/^v\([0-9][0-9]*\)\..*/\1/p')"
  if [[ -z "$major" ]] || ((major < STT_NODE_MIN_MAJOR)); then
    stt_error "the Node.js tests need Node.js $STT_NODE_MIN_MAJOR or newer, but 'node' is ${major:+version }${major:-missing}"
    printf 'install Node.js %s+ (e.g. from NodeSource, or Debian 13'"'"'s nodejs) and run the tests again\n' "$STT_NODE_MIN_MAJOR" >&2
    return 1
  fi
}

_stt_java_major() {
  java -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\)[."].*/\1/p' | head -n 1
}

_stt_apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ((_STT_APT_UPDATED == 0)); then
    stt_info "apt-get update"
    apt-get update -q || return 1
    _STT_APT_UPDATED=1
  fi
  stt_info "apt-get install $*"
  apt-get install -y -q --no-install-recommends "$@"
}

# stt_require_packages [--with-tests]
# Installs (or asks for) every missing package; returns non-zero when something is still missing.
stt_require_packages() {
  local wanted=("${STT_RUNTIME_PACKAGES[@]}") missing=() pkg with_tests=0
  [[ "${1:-}" == --with-tests ]] && with_tests=1
  ((with_tests)) && wanted+=("${STT_TEST_PACKAGES[@]}")
  for pkg in "${wanted[@]}"; do
    _stt_package_installed "$pkg" || missing+=("$pkg")
  done
  if ((with_tests)); then
    while IFS= read -r pkg; do
      [[ -n "$pkg" ]] && missing+=("$pkg")
    done < <(_stt_missing_node_packages)
  fi
  while IFS= read -r pkg; do
    [[ -n "$pkg" ]] && missing+=("$pkg")
  done < <(_stt_missing_java_packages)

  _stt_install_missing "(Java 17+ JDK, Maven 3.8+, PostgreSQL, Redis, ffmpeg, pocketsphinx with its en-us model, curl, jq; for the tests also Node.js 20+ with npm)" \
    "${missing[@]}" || return 1

  if ((with_tests)); then
    _stt_check_node || return 1
  fi

  local major
  major="$(_stt_java_major)"
  if [[ -z "$major" ]] || ((major < 17)); then
    stt_error "Java 17 or newer is required, but 'java' is version ${major:-unknown}"
    printf 'install %s and select it with: update-alternatives --config java\n' "$STT_JAVA_PACKAGE" >&2
    return 1
  fi
}

# _stt_install_missing WHAT_THEY_ARE [PACKAGE...] — installs the packages as root on Debian/Ubuntu; elsewhere
# says what to install (WHAT_THEY_ARE names them for other systems) and fails. Nothing to do without packages.
_stt_install_missing() {
  local what=$1
  shift
  (($# == 0)) && return 0
  if _stt_is_debian && [[ "$(id -u)" == 0 ]]; then
    _stt_apt_install "$@" || {
      stt_error "could not install: $*"
      return 1
    }
    return 0
  fi
  stt_error "missing packages: $*"
  if _stt_is_debian; then
    printf 'install them with:\n  sudo apt-get install -y --no-install-recommends %s\n' "$*" >&2
  else
    printf 'install the equivalents of these Debian packages with your package manager:\n  %s\n%s\n' "$*" "$what" >&2
  fi
  return 1
}

# stt_require_more_packages PACKAGE... — the Debian packages not installed yet, installed (or asked for).
stt_require_more_packages() {
  local missing=() pkg
  for pkg in "$@"; do
    _stt_package_installed "$pkg" || missing+=("$pkg")
  done
  _stt_install_missing "($*)" "${missing[@]}"
}
