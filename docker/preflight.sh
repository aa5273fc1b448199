#!/bin/sh
# The compose stack's preflight job (docker/compose.yml, service preflight): every other service
# waits for it to exit 0. It refuses, naming each variable, the settings it is given that still hold
# a placeholder of docker/.env.example (a value containing "change-me", or a key of only zeros), and
# a master key file (MASTER_KEY_FILES, comma-separated) that this process (uid 10001, the API's and
# the worker's user) cannot read or that holds no key. Prints names, never values. POSIX sh: it runs
# in whatever small image the stack already has.
set -u
failed=0
refuse() {
  echo "preflight: $*" >&2
  failed=1
}

for name in $(env | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' | sort -u); do
  eval "value=\${$name-}"
  case "$value" in
    *[Cc][Hh][Aa][Nn][Gg][Ee]-[Mm][Ee]*)
      refuse "$name still holds the placeholder of docker/.env.example: set your own value in .env"
      continue
      ;;
  esac
  if [ "${#value}" -ge 16 ] && [ -z "$(printf '%s' "$value" | tr -d 0)" ]; then
    refuse "$name is all zeros, the placeholder of docker/.env.example: set your own value in .env"
  fi
done

if [ -n "${MASTER_KEY_FILES:-}" ]; then
  old_ifs=$IFS
  IFS=,
  for file in $MASTER_KEY_FILES; do
    IFS=$old_ifs
    if [ ! -r "$file" ]; then
      refuse "master key file $file is missing or not readable by uid $(id -u): create it in" \
        "MASTER_KEY_DIR on the host (openssl rand -base64 32) and let uid 10001 read it" \
        "(docs/deployment.md#the-master-key)"
    elif [ "$(tr -d ' \r\n' <"$file" | wc -c)" -ne 44 ]; then
      refuse "master key file $file does not hold a key: 32 random bytes in base64" \
        "(openssl rand -base64 32)"
    fi
  done
  IFS=$old_ifs
fi

if [ "$failed" != 0 ]; then
  echo "preflight: the stack does not start until these are fixed (docs/deployment.md)" >&2
  exit 1
fi
echo "preflight: no placeholder left, master key readable"
