#!/usr/bin/python3
"""Hot spots of a JFR recording: the share of execution samples by top frame (self time), by the first Sabre frame
(self time attributed to Sabre code, skipping JDK/Vector API frames above it) and by method anywhere on the stack
(inclusive time).

    java --add-modules jdk.incubator.vector -XX:StartFlightRecording=filename=r20.jfr,settings=profile \\
        -cp 'bench/target/sabre-bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*' sabre.bench.Bench -w resnet20-train
    /usr/bin/python3 bench/jfr_top.py r20.jfr [--top 25] [--skip-s 3]

--skip-s drops samples from the first seconds of the recording (the warm-up, while the JIT compiles).

Record with execution samples only: JFR's `default` and `profile` settings slow Sabre's ResNet-20 step from ~450 ms
to ~790-900 ms here (other events than the sampler), which distorts the profile. Write such a settings file from the
JDK's own default.jfc with

    /usr/bin/python3 bench/jfr_top.py --write-jfc /tmp/samples-only.jfc     # then settings=/tmp/samples-only.jfc
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess


def frame_name(f):
    m = f["method"]
    return "%s.%s" % (m["type"]["name"].replace("/", "."), m["name"])


def kernel_task(names):
    """The kernel work a sample belongs to: the method (not the synthetic lambda class) that Parallel.work called,
    else the outermost sabre.kernels.cpu frame, else the top frame. names run from the top (leaf) frame down."""
    for i, x in enumerate(names):
        if x.endswith("Parallel.work"):
            for y in reversed(names[:i]):
                if "$$Lambda" not in y:
                    return y
    kernels = [x for x in names if x.startswith("sabre.kernels.cpu.") and "$$Lambda" not in x]
    return kernels[-1] if kernels else names[0]


def seconds(stamp):
    """Seconds since midnight of an ISO time stamp as jfr prints it (2026-11-25T16:01:10.123456789Z or +offset)."""
    m = re.search(r"T(\d+):(\d+):(\d+(?:\.\d+)?)", stamp)
    return int(m.group(1)) * 3600 + int(m.group(2)) * 60 + float(m.group(3))


def write_jfc(out):
    """Every event of the JDK's default.jfc disabled except jdk.ExecutionSample, sampled every 10 ms."""
    java_home = os.path.dirname(os.path.dirname(os.path.realpath(shutil.which("java"))))
    with open(os.path.join(java_home, "lib", "jfr", "default.jfc")) as f:
        s = f.read()
    s = re.sub(r'(<setting name="enabled"[^>]*>)true<', r"\1false<", s)
    s = re.sub(r'(<event name="jdk.ExecutionSample">\s*<setting name="enabled"[^>]*>)false', r"\1true", s)
    s = re.sub(r'(<event name="jdk.ExecutionSample">.*?<setting name="period"[^>]*>)[^<]*', r"\g<1>10 ms", s,
               flags=re.S)
    with open(out, "w") as f:
        f.write(s)
    print("wrote %s (execution samples every 10 ms, nothing else)" % out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("recording", nargs="?")
    p.add_argument("--write-jfc", metavar="OUT", help="write a samples-only JFR settings file and exit")
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--skip-s", type=float, default=0.0)
    a = p.parse_args()
    if a.write_jfc:
        write_jfc(a.write_jfc)
        return
    if not a.recording:
        p.error("a recording is needed")
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          a.recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    times = sorted(e["values"]["startTime"] for e in events)
    start = times[0] if times else ""
    selfc, sabre, task, incl, threads = (collections.Counter() for _ in range(5))
    n = 0
    for e in events:
        v = e["values"]
        frames = (v.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        if a.skip_s > 0 and seconds(v["startTime"]) - seconds(start) < a.skip_s:
            continue
        n += 1
        names = [frame_name(f) for f in frames]
        selfc[names[0]] += 1
        sabre[next((x for x in names if x.startswith("sabre.")), names[0])] += 1
        task[kernel_task(names)] += 1
        for x in set(names):
            incl[x] += 1
        threads[(v.get("sampledThread") or {}).get("javaName", "?")] += 1
    print("%d execution samples (%s)" % (n, ", ".join("%s %d" % kv for kv in threads.most_common(4))))
    for title, c in (("self time, top frame", selfc), ("self time, first sabre.* frame", sabre),
                     ("by kernel task (the task a Parallel.work ran, else the outermost kernels.cpu frame)", task),
                     ("inclusive (method anywhere on the stack)", incl)):
        print("\n== %s" % title)
        for name, k in c.most_common(a.top):
            print("%6.1f%%  %s" % (100.0 * k / max(n, 1), name))


if __name__ == "__main__":
    main()
