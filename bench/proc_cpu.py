"""CPU time of processes from /proc, for the benchmarks' "where the time goes" figures."""
import os


def cpu_seconds(pid, exited_children=False):
    """CPU time (user + system) of a process and its live descendants; with exited_children, also what the
    children it has already waited for spent (a baseline's Postgres backend, say). 0 when it is gone."""
    tick = os.sysconf("SC_CLK_TCK")
    parents, own, reaped = {}, {}, {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                fields = open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(d)] = int(fields[1])
            own[int(d)] = (int(fields[11]) + int(fields[12])) / tick
            reaped[int(d)] = (int(fields[13]) + int(fields[14])) / tick
    total, todo = reaped.get(pid, 0.0) if exited_children else 0.0, [pid]
    while todo:
        p = todo.pop()
        total += own.get(p, 0.0)
        todo.extend(c for c, pp in parents.items() if pp == p)
    return total
