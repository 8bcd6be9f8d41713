package sabre.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine's CPU time went to other processes while a benchmark ran: a snapshot of the system-wide
 * busy and total jiffies ({@code /proc/stat}) and this process's own ({@code /proc/self/stat} utime + stime, all
 * threads). Two cores are easily disturbed; a run where others took more than a few percent is suspect.
 */
record CpuShare(long busy, long total, long own, long steal) {
    /** The current counters, or null where /proc is not readable. */
    static CpuShare now() {
        try {
            String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                total += Long.parseLong(cpu[i]);
            }
            long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
            long steal = cpu.length > 8 ? Long.parseLong(cpu[8]) : 0;
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            long own = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14, 15 (utime, stime) of proc(5)
            return new CpuShare(total - idle, total, own, steal);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Percent of all CPUs' time between {@code a} and {@code b} used by other processes (and stolen), or -1. */
    static double otherPercent(CpuShare a, CpuShare b) {
        if (a == null || b == null || b.total == a.total) {
            return -1;
        }
        long other = (b.busy - a.busy) - (b.own - a.own);
        return Math.max(0, 100.0 * other / (b.total - a.total));
    }
}
