# Sourced by ./mvnw and the project scripts: make sure a JDK 21+ is used.
# Keeps JAVA_HOME when it already points at 21+, otherwise takes the newest JDK 21+ under /usr/lib/jvm.
_ar_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1; }
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ] || [ "$(_ar_java_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null; then
  _ar_best=""; _ar_best_major=0
  for _ar_dir in /usr/lib/jvm/* /opt/java/* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$_ar_dir/bin/javac" ] || continue
    _ar_major=$(_ar_java_major "$_ar_dir")
    if [ -n "$_ar_major" ] && [ "$_ar_major" -ge 21 ] 2>/dev/null && [ "$_ar_major" -gt "$_ar_best_major" ]; then
      _ar_best=$_ar_dir; _ar_best_major=$_ar_major
    fi
  done
  if [ -z "$_ar_best" ]; then
    echo "Agent Runtime needs a JDK 21 or newer: set JAVA_HOME or install one under /usr/lib/jvm." >&2
    exit 1
  fi
  export JAVA_HOME=$_ar_best
  export PATH="$JAVA_HOME/bin:$PATH"
fi
