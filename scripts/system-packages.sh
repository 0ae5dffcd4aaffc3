#!/usr/bin/env bash
# System packages the board needs on Debian/Ubuntu, installed with apt when we are root;
# otherwise we print the one command to run. Never fails the build: what is missing is reported.
#   espeak-ng + libespeak-ng1: the voice pyttsx3 drives on Linux
#   alsa-utils: aplay, which plays the speech
#   python3-venv: `python -m venv` needs ensurepip, which Debian ships separately
#   libgl1, libglib2.0-0: OpenCV (camera) loads them at import
#   fonts-noto-core (12 MB), fonts-noto-color-emoji (10 MB): labels in Hebrew, Arabic and most
#     other scripts, and emoji, instead of empty boxes (pygame's own font is Latin, Greek, Cyrillic)
set -u
python=${1:-python3}
needed=()
command -v espeak-ng >/dev/null 2>&1 || needed+=(espeak-ng)
command -v aplay >/dev/null 2>&1 || needed+=(alsa-utils)
if command -v ldconfig >/dev/null 2>&1; then
  libs=$(ldconfig -p 2>/dev/null)
  grep -q 'libespeak-ng' <<<"$libs" || needed+=(libespeak-ng1)
  grep -q 'libGL.so.1' <<<"$libs" || needed+=(libgl1)
  grep -q 'libglib-2.0.so.0' <<<"$libs" || needed+=(libglib2.0-0)
fi
noto=/usr/share/fonts/truetype/noto
[ -f "$noto/NotoSansHebrew-Bold.ttf" ] || [ -f "$noto/NotoSansHebrew-Regular.ttf" ] \
  || needed+=(fonts-noto-core)
[ -f "$noto/NotoColorEmoji.ttf" ] || needed+=(fonts-noto-color-emoji)
if [ ! -x .venv/bin/pip ] && ! "$python" -c 'import ensurepip' >/dev/null 2>&1; then
  # Debian names it after the interpreter (python3.11-venv); python3-venv covers the default one.
  ver=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")' 2>/dev/null)
  needed+=("python${ver:-3}-venv")
fi
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(uname -s)" != "Linux" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "commboard: please install: ${needed[*]} (with your system's package manager)."
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "commboard: installing ${needed[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${needed[@]}" >/dev/null \
    || echo "commboard: could not install ${needed[*]}; speech, the camera or some letters may not work."
else
  echo "commboard: please run once:  sudo apt-get install -y ${needed[*]}"
fi
exit 0
