#!/usr/bin/env bash
# Speech needs espeak-ng (the voice pyttsx3 drives on Linux) and aplay (alsa-utils) to play it.
# Installed with apt when we are root on Debian/Ubuntu; otherwise we say the one command to run.
set -u
needed=()
command -v espeak-ng >/dev/null 2>&1 || needed+=(espeak-ng)
command -v aplay >/dev/null 2>&1 || needed+=(alsa-utils)
ldconfig -p 2>/dev/null | grep -q 'libespeak' || needed+=(libespeak-ng1)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(uname -s)" != "Linux" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "commboard: speech needs: ${needed[*]} (install them with your system's package manager)."
  exit 0
fi
if [ "$(id -u)" -eq 0 ]; then
  echo "commboard: installing ${needed[*]} for speech"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${needed[@]}" >/dev/null \
    || echo "commboard: could not install ${needed[*]}; the board will run without speech."
else
  echo "commboard: for speech, run once:  sudo apt-get install -y ${needed[*]}"
fi
exit 0
