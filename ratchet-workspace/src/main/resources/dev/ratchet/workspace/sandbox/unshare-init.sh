# Runs as root (or as root of a fresh user namespace) as pid 1 of new pid, mount, net, ipc and uts namespaces made by
# UnshareLauncher. Arguments: the sandbox directory (with work/, home/ and tmp/), the uid:gid to run the check as or
# "-" to stay, the absolute path of setpriv, then the check's own command line.
#
# This script stays pid 1 and runs the check as its child: pid 1 keeps the parent-death signal that unshare
# --kill-child gave it (a change of user would clear it, and a check could clear its own), and the check's user
# cannot signal it. When the check's first process ends, this script ends, and the kernel kills every other process
# in the namespace.
set -eu
check_path=$PATH
PATH=/usr/sbin:/usr/bin:/sbin:/bin
sbx=$1 owner=$2 setpriv=$3
shift 3

# work/, home/ and tmp/ become mounts of their own, so that they can stay writable when the rest turns read-only.
for d in work home tmp; do mount --bind "$sbx/$d" "$sbx/$d"; done
# When the sandbox lives under /tmp, the private /tmp below would hide it: give work/ and home/ mount points at their
# usual paths inside the private /tmp first.
case "$sbx" in
/tmp/*)
    for d in work home; do
        mkdir -p "$sbx/tmp${sbx#/tmp}/$d"
        mount --bind "$sbx/$d" "$sbx/tmp${sbx#/tmp}/$d"
    done ;;
esac
# Every other mount read-only. Field 5 of mountinfo is the mount point, with blanks written as octal escapes.
while read -r _ _ _ _ point _; do
    case "$point" in
    *\\*) point=$(printf '%b' "$(printf '%s' "$point" | sed 's/\\\([0-7][0-7][0-7]\)/\\0\1/g')") ;;
    esac
    case "$point" in "$sbx" | "$sbx"/* | /proc | /proc/*) continue ;; esac
    mount -o remount,bind,ro "$point"
done < /proc/self/mountinfo
mount --rbind "$sbx/tmp" /tmp
# No host sockets (/run) and no shared memory with the host (/dev/shm); sizes keep them from eating the RAM.
[ -d /run ] && mount -t tmpfs -o size=16m,mode=0755 tmpfs /run
[ -d /dev/shm ] && mount -t tmpfs -o size=64m,mode=1777 tmpfs /dev/shm
# The new network namespace starts with its loopback down; up, a check may serve on 127.0.0.1 to itself (a browser
# check's server and browser) and still reach nothing else. Without iproute2 it stays down.
ip link set lo up 2>/dev/null || true
cd "$sbx/work"
# A background job of a script starts with SIGINT and SIGQUIT ignored; env gives the check the usual defaults back.
env=$(command -v env)
PATH=$check_path
if [ "$owner" = - ]; then
    "$setpriv" --no-new-privs --inh-caps=-all --bounding-set=-all -- "$env" --default-signal=INT,QUIT "$@" &
else
    "$setpriv" --reuid="${owner%:*}" --regid="${owner#*:}" --clear-groups --no-new-privs --inh-caps=-all \
        --bounding-set=-all -- "$env" --default-signal=INT,QUIT "$@" &
fi
status=0
wait $! || status=$?
exit $status
