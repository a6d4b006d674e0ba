# shellcheck shell=bash
# Idempotent set-up shared by the README's two commands (scripts/vyre and scripts/test).
# Source this file, then call `vyre_setup`. It installs only what is missing:
#   1. pnpm (the version pinned in package.json's `packageManager`), with npm; corepack is not used
#      because its download fails signature verification on some machines;
#   2. the workspace dependencies (`pnpm install --frozen-lockfile`);
#   3. a WebGPU adapter for Dawn: on Debian 12 the Vulkan loader and Mesa's lavapipe >= 25 from the
#      bookworm-backports suite (Debian 12's own Mesa 22.3 is rejected by Dawn), added by reusing the
#      mirror already configured for the machine's Debian sources. Skipped when an adapter already works;
#   4. full Chromium (Debian's `chromium` package) for the browser test of the WebGPU driver: only full
#      Chromium in `--headless=new` mode has WebGPU. Skipped when a Chromium or Chrome is installed.
# `vyre_build_cli` then builds what the CLI needs (scripts/vyre); scripts/test builds through `pnpm check`.
# Where it cannot install something (not root, no apt, another OS) it prints what to install and goes on
# with what can run. All messages go to stderr so that stdout stays clean for `vyre ... --json`.
# Environment: VYRE_SKIP_GPU_SETUP=1 skips step 3, VYRE_SKIP_BROWSER_SETUP=1 step 4; VYRE_CHROMIUM names
# the browser to use instead of looking for one.

VYRE_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export VYRE_ROOT
export TURBO_TELEMETRY_DISABLED=1
export TURBO_NO_UPDATE_NOTIFIER=1
export NPM_CONFIG_UPDATE_NOTIFIER=false

_vyre_say() { printf '[setup] %s\n' "$*" >&2; }
_vyre_warn() { printf '[setup] WARNING: %s\n' "$*" >&2; }

# Runs a command as root: directly when we are root, through passwordless sudo otherwise.
# Returns 1 without running anything when neither is possible.
_vyre_as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo -n "$@"
  else
    return 1
  fi
}

_vyre_can_be_root() { [[ $(id -u) -eq 0 ]] || { command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; }; }

_vyre_setup_node() {
  if ! command -v node >/dev/null 2>&1; then
    _vyre_warn 'Node.js is not installed. Install Node.js 20.19 or later (https://nodejs.org/en/download), then run this command again.'
    return 1
  fi
  local version
  version=$(node -p 'process.versions.node')
  if ! node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'; then
    _vyre_warn "Node.js $version is too old: vyre needs 20.19 or later. Install a current Node.js (https://nodejs.org/en/download), then run this command again."
    return 1
  fi
}

# Prints the version of the pnpm at $1, or nothing.
_vyre_pnpm_version() { [[ -x $1 ]] && "$1" --version 2>/dev/null; }

_vyre_setup_pnpm() {
  local want
  want=$(node -p 'require(process.argv[1]).packageManager.replace(/^pnpm@/, "")' "$VYRE_ROOT/package.json")
  if [[ -z $want ]]; then
    _vyre_warn 'package.json names no pnpm version in "packageManager".'
    return 1
  fi
  if command -v pnpm >/dev/null 2>&1 && [[ $(pnpm --version 2>/dev/null) == "$want" ]]; then
    return 0
  fi
  # An install from an earlier run that PATH does not put first: the global one, or the per-user one
  # made when the global prefix was not writable.
  local global_prefix user_prefix candidate
  global_prefix=$(npm prefix -g 2>/dev/null)
  user_prefix="${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/vyre/pnpm-$want"
  for candidate in "$global_prefix/bin/pnpm" "$user_prefix/bin/pnpm"; do
    if [[ $(_vyre_pnpm_version "$candidate") == "$want" ]]; then
      export PATH="${candidate%/pnpm}:$PATH"
      return 0
    fi
  done
  if [[ -n $global_prefix && -w $global_prefix ]]; then
    _vyre_say "installing pnpm $want with npm (global)"
    npm install -g --silent --no-fund --no-audit "pnpm@$want" >&2 || return 1
    export PATH="$global_prefix/bin:$PATH"
  else
    _vyre_say "installing pnpm $want with npm into $user_prefix (the global npm prefix is not writable)"
    npm install -g --silent --no-fund --no-audit --prefix "$user_prefix" "pnpm@$want" >&2 || return 1
    export PATH="$user_prefix/bin:$PATH"
  fi
  hash -r
  if [[ $(pnpm --version 2>/dev/null) != "$want" ]]; then
    _vyre_warn "pnpm $want could not be installed. Install it yourself with: npm install -g pnpm@$want"
    return 1
  fi
}

_vyre_setup_dependencies() {
  local log
  log=$(mktemp)
  if ! (cd "$VYRE_ROOT" && pnpm install --frozen-lockfile --reporter=append-only) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    _vyre_warn 'pnpm install failed (output above).'
    return 1
  fi
  rm -f "$log"
}

# Prints the adapter's description and exits 0 when Dawn finds a WebGPU adapter; exits 1 otherwise.
_vyre_probe_webgpu() {
  local limit=()
  command -v timeout >/dev/null 2>&1 && limit=(timeout 60)
  (cd "$VYRE_ROOT" && ${limit[@]+"${limit[@]}"} node --input-type=module -e "
    const { create } = await import('webgpu');
    const adapter = await create([]).requestAdapter();
    if (!adapter) process.exit(1);
    const i = adapter.info;
    console.log([i.vendor, i.architecture, i.description].filter(Boolean).join(' / '));
    process.exit(0);
  " 2>/dev/null)
}

# The URI of the machine's main Debian bookworm source (deb822 or one-line format), read from its own
# configuration so that no mirror is ever hard-coded.
_vyre_debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f $f ]] || continue
    uri=$(awk '
      BEGIN { RS = ""; FS = "\n" }
      {
        uri = ""; suites = ""; types = ""
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { sub(/^URIs:[ \t]*/, "", $i); split($i, u, /[ \t]+/); uri = u[1] }
          if ($i ~ /^Suites:/) { suites = " " $i " " }
          if ($i ~ /^Types:/) { types = $i }
        }
        if (types ~ /(^|[ \t])deb([ \t]|$)/ && suites ~ /[ \t]bookworm[ \t]/ && uri != "") { print uri; exit }
      }' "$f")
    if [[ -n $uri ]]; then
      echo "$uri"
      return 0
    fi
  done
  if [[ -f /etc/apt/sources.list ]]; then
    uri=$(awk '$1 == "deb" { i = 2; if ($2 ~ /^\[/) { while (i < NF && $i !~ /\]$/) i++; i++ } if ($(i + 1) == "bookworm") { print $i; exit } }' /etc/apt/sources.list)
    if [[ -n $uri ]]; then
      echo "$uri"
      return 0
    fi
  fi
  return 1
}

_vyre_lavapipe_commands() {
  cat >&2 <<'EOF'
  # Debian 12: add the bookworm-backports suite (reuse your configured Debian mirror), then:
  sudo apt-get update
  sudo apt-get install -y -t bookworm-backports libvulkan1 mesa-vulkan-drivers   # Mesa >= 25 (lavapipe)
EOF
}

_vyre_install_lavapipe() {
  local mirror list=/etc/apt/sources.list.d/vyre-bookworm-backports.sources
  if ! grep -rqsE '^[^#]*bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
    mirror=$(_vyre_debian_mirror)
    if [[ -z $mirror ]]; then
      _vyre_warn 'no Debian bookworm source found in /etc/apt; cannot add bookworm-backports. Add it yourself, then:'
      _vyre_lavapipe_commands
      return 1
    fi
    _vyre_say "adding the bookworm-backports suite ($list), reusing the configured Debian mirror"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$mirror" |
      _vyre_as_root tee "$list" >/dev/null || return 1
  fi
  _vyre_say 'installing the Vulkan loader and Mesa lavapipe from bookworm-backports (apt)'
  local log
  log=$(mktemp)
  if ! { _vyre_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    _vyre_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      -t bookworm-backports libvulkan1 mesa-vulkan-drivers; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  local mesa major
  mesa=$(dpkg-query -W -f='${Version}' mesa-vulkan-drivers 2>/dev/null)
  major=${mesa#*:}
  major=${major%%.*}
  if ! [[ $major =~ ^[0-9]+$ ]] || ((major < 25)); then
    _vyre_warn "mesa-vulkan-drivers $mesa is installed, but Dawn needs 25 or later."
    return 1
  fi
}

_vyre_setup_webgpu() {
  if [[ ${VYRE_SKIP_GPU_SETUP:-0} == 1 ]]; then return 0; fi
  local adapter
  if adapter=$(_vyre_probe_webgpu); then
    _vyre_say "WebGPU adapter: $adapter"
    return 0
  fi
  local os codename=''
  os=$(uname -s)
  if [[ $os != Linux ]]; then
    _vyre_warn "no WebGPU adapter found. On $os, Dawn uses the system GPU driver (Metal on macOS, D3D12/Vulkan on Windows): update the GPU driver. GPU tests will be skipped."
    return 0
  fi
  # shellcheck disable=SC1091 # the machine's own file, read at run time
  [[ -r /etc/os-release ]] && codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [[ $codename != bookworm ]] || ! command -v apt-get >/dev/null 2>&1; then
    _vyre_warn 'no WebGPU adapter found. Install the Vulkan loader (libvulkan1 or vulkan-loader) and a Vulkan driver: your GPU vendor'"'"'s, or Mesa lavapipe (mesa-vulkan-drivers) version 25 or later. GPU tests will be skipped.'
    return 0
  fi
  if ! _vyre_can_be_root; then
    _vyre_warn 'no WebGPU adapter found, and installing one needs root. Run as root, or:'
    _vyre_lavapipe_commands
    _vyre_warn 'GPU tests will be skipped until then.'
    return 0
  fi
  if ! _vyre_install_lavapipe; then
    _vyre_warn 'installing lavapipe failed (see above). GPU tests will be skipped.'
    return 0
  fi
  if adapter=$(_vyre_probe_webgpu); then
    _vyre_say "WebGPU adapter: $adapter"
  else
    _vyre_warn "lavapipe is installed but Dawn still finds no adapter; run './scripts/vyre doctor' for details."
  fi
}

# Prints the path of the Chromium the browser test will use (tools/browser-demo/src/find-chromium.ts
# looks in the same places), or fails.
_vyre_find_chromium() {
  local candidate
  for candidate in "${VYRE_CHROMIUM:-}" /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
    if [[ -n $candidate && -x $candidate ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

_vyre_setup_chromium() {
  if [[ ${VYRE_SKIP_BROWSER_SETUP:-0} == 1 ]]; then return 0; fi
  local found
  if found=$(_vyre_find_chromium); then
    _vyre_say "browser for the WebGPU browser test: $found"
    return 0
  fi
  if [[ $(uname -s) != Linux ]] || ! command -v apt-get >/dev/null 2>&1 || ! _vyre_can_be_root; then
    _vyre_warn 'no Chromium found. Install Chromium or Chrome (or set VYRE_CHROMIUM to its path); the browser test will be skipped until then.'
    return 0
  fi
  _vyre_say 'installing Chromium for the WebGPU browser test (apt)'
  local log
  log=$(mktemp)
  if ! { _vyre_as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    _vyre_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    _vyre_warn 'installing Chromium failed (see above); the browser test will be skipped.'
    return 0
  fi
  rm -f "$log"
  if found=$(_vyre_find_chromium); then
    _vyre_say "browser for the WebGPU browser test: $found"
  else
    _vyre_warn 'the chromium package is installed, but no chromium executable was found; the browser test will be skipped.'
  fi
}

# Builds the CLI and the packages it depends on (turbo; cached). Only `scripts/vyre` needs it:
# `scripts/test` builds everything as part of `pnpm check`.
vyre_build_cli() {
  local log summary
  log=$(mktemp)
  if ! (cd "$VYRE_ROOT" && pnpm exec turbo run build --filter=@vyre/cli... --output-logs=errors-only) >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    _vyre_warn 'the build failed (output above).'
    return 1
  fi
  summary=$(grep -Eo '[0-9]+ cached, [0-9]+ total' "$log" | tail -n 1)
  rm -f "$log"
  _vyre_say "build: ${summary:-done}"
}

vyre_setup() {
  _vyre_setup_node || return 1
  _vyre_setup_pnpm || return 1
  _vyre_setup_dependencies || return 1
  _vyre_setup_webgpu
  _vyre_setup_chromium
}
