# Class data sharing for a Java plugin: sourced by its launch script (POSIX sh), which ends with
#   exec_with_class_data_sharing "$java" <JVM options> -jar <plugin.jar> <arguments>
# instead of exec "$java" ... The function execs the same command with an AppCDS archive of the plugin's classes when
# its cache holds one, which roughly halves the time to the handshake and to the first AutoMTLS call
# (BENCHMARKS.md, session of 2026-12-06). The SDK README ("Class data sharing") explains the design.
#
# * The cache is PNODE_PLUGIN_CACHE_DIR, a directory pnode keeps as long as the plugin's unpacked files (which keep
#   their paths and times, as an archive needs). Without it (other go-plugin hosts), unwritable or missing, or with
#   PNODE_PLUGIN_CDS=off, the plugin starts as before, without an archive.
# * The archive's name carries a key: a checksum of the JDK (its release file, java and libjvm.so's size and time),
#   of the files named on the command line (the jar) and of the command line itself. Another JDK, jar or option set
#   finds no archive of its own: the archives of other keys are deleted (with a line on stderr) and a new one made.
# * No archive: a training run first (the same command with -XX:ArchiveClassesAtExit and -Dpnode.plugin.training=true:
#   the SDK serves, calls itself over AutoMTLS and exits; stdout goes to stderr, the host reads only the real run's),
#   written to <archive>.<pid> and renamed into place only when the JVM exited 0 and another JVM maps the file
#   (-Xshare:on -version, ~0.3 s), so concurrent starts each rename a whole archive and never see a partial one.
#   Leftovers of runs that were killed are deleted by later starts. This costs the first start of a new zip or JDK
#   about 1-1.5 s, once.
# * -Xshare:auto: an archive the JVM cannot use is ignored (with a JVM warning on stderr) and the plugin starts
#   without it; the SDK then sees it unmapped and deletes it, so the next start trains a new one.
exec_with_class_data_sharing() {
  cds_java=$1
  shift
  cds_cache=${PNODE_PLUGIN_CACHE_DIR:-}
  if [ "${PNODE_PLUGIN_CDS:-on}" = off ] || [ -z "$cds_cache" ] || [ ! -d "$cds_cache" ] || [ ! -w "$cds_cache" ]; then
    exec "$cds_java" "$@"
  fi
  cds_jvm=$(readlink -f "$(command -v "$cds_java")" 2>/dev/null) || cds_jvm=$cds_java
  cds_home=${cds_jvm%/bin/java}
  cds_files="$cds_jvm $cds_home/lib/server/libjvm.so"
  for cds_argument in "$@"; do
    [ -f "$cds_argument" ] && cds_files="$cds_files $cds_argument"
  done
  # shellcheck disable=SC2086 # cds_files is a list of paths without blanks... or they are skipped by ls
  cds_key=$({ cat "$cds_home/release" 2>/dev/null; ls -lL --time-style=+%s $cds_files 2>/dev/null \
    || ls -lL $cds_files 2>/dev/null; printf '%s\n' "$@"; } | cksum | cut -d ' ' -f 1)
  cds_archive=$cds_cache/class-data-$cds_key.jsa
  for cds_other in "$cds_cache"/class-data-*.jsa*; do
    case $cds_other in
      "$cds_archive") ;;
      *.jsa) # another key: another JDK, jar or command line
        rm -f "$cds_other" && echo "plugin: deleted class data sharing archive $cds_other:" \
          "made for another JDK, jar or JVM options" >&2 ;;
      *.jsa.*) # a training run's output: delete it once its run is gone
        kill -0 "${cds_other##*.}" 2>/dev/null || rm -f "$cds_other" ;;
    esac
  done
  if [ -f "$cds_archive" ] && ! cds_is_archive "$cds_archive"; then
    rm -f "$cds_archive"
    echo "plugin: deleted damaged class data sharing archive $cds_archive" >&2
  fi
  if [ ! -f "$cds_archive" ]; then
    cds_train "$cds_java" "$cds_archive" "$@"
  fi
  if [ -f "$cds_archive" ]; then
    exec "$cds_java" -XX:SharedArchiveFile="$cds_archive" -Xshare:auto -Dpnode.plugin.cds.archive="$cds_archive" "$@"
  fi
  exec "$cds_java" "$@"
}

# cds_train JAVA ARCHIVE COMMAND...: one training run into ARCHIVE.<pid>, renamed to ARCHIVE once a JVM mapped it.
cds_train() {
  cds_train_java=$1
  cds_train_archive=$2
  shift 2
  cds_train_output=$cds_train_archive.$$
  cds_train_start=$(date +%s)
  echo "plugin: no class data sharing archive for this JDK and jar yet: a training run writes $cds_train_archive" >&2
  if "$cds_train_java" -XX:ArchiveClassesAtExit="$cds_train_output" -Dpnode.plugin.training=true "$@" \
      </dev/null >&2 && cds_is_mappable "$cds_train_java" "$cds_train_output" "$@" \
      && mv -f "$cds_train_output" "$cds_train_archive"; then
    echo "plugin: class data sharing archive written in $(($(date +%s) - cds_train_start)) s" >&2
  else
    echo "plugin: the class data sharing training run failed (above); starting without an archive" >&2
  fi
  rm -f "$cds_train_output"
}

# cds_is_mappable JAVA FILE COMMAND...: true when a JVM maps FILE as the archive of COMMAND's class path (-jar or -cp
# value) and its magic number is in place. A JDK 17 JVM that maps a truncated archive crashes (SIGBUS), even with
# -Xshare:auto, so nothing goes into place without passing this check (-Xshare:on fails instead of ignoring).
cds_is_mappable() {
  cds_check_java=$1
  cds_check_file=$2
  shift 2
  cds_is_archive "$cds_check_file" || return 1
  cds_check_classpath=
  while [ $# -gt 1 ]; do
    case $1 in
      -jar|-cp|-classpath|--class-path) cds_check_classpath=$2; break ;;
    esac
    shift
  done
  "$cds_check_java" -Xshare:on -XX:SharedArchiveFile="$cds_check_file" -cp "$cds_check_classpath" -version \
    >/dev/null 2>&1
}

# cds_is_archive FILE: true when FILE starts with the magic number of a dynamic CDS archive (0xf00baba8, written
# by the JVM once the archive is complete), in the host's byte order.
cds_is_archive() {
  case $(od -An -tx4 -N4 "$1" 2>/dev/null | tr -d ' ') in
    f00baba8) return 0 ;;
    *) return 1 ;;
  esac
}
