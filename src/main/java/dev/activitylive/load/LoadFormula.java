package dev.activitylive.load;

import dev.activitylive.event.LoadChangeData;
import dev.activitylive.event.VisualIntensity;

/**
 * How the cognitive load is scored, and when a change of it is worth announcing. The README's "Cognitive load"
 * section states the same numbers; they are constants, not settings, so that every deployment's dashboards mean the
 * same thing by "high".
 */
public final class LoadFormula {

    /** Memory operations per second at which their half of the load is full. */
    static final double FULL_MEMORY_OPS_PER_SECOND = 100;
    /** Active processes at which their half of the load is full. */
    static final double FULL_ACTIVE_PROCESSES = 10;
    /** {@code loadLevel} from which the suggested intensity is {@code medium}, then {@code high}. */
    static final double MEDIUM_FROM = 0.3;
    static final double HIGH_FROM = 0.7;
    /** The smallest change of {@code loadLevel} announced on its own. */
    static final double LEVEL_STEP = 0.05;
    /** The smallest relative change of {@code memoryOpsPerSecond} announced on its own (with at least 1 op/s). */
    static final double RATE_STEP = 0.1;

    private LoadFormula() {
    }

    /** {@code 0.5 × min(1, ops/s ÷ 100) + 0.5 × min(1, processes ÷ 10)}, to two decimals. */
    static double level(double memoryOpsPerSecond, int activeProcesses) {
        double memory = Math.min(1, memoryOpsPerSecond / FULL_MEMORY_OPS_PER_SECOND);
        double processes = Math.min(1, activeProcesses / FULL_ACTIVE_PROCESSES);
        return Math.round((0.5 * memory + 0.5 * processes) * 100) / 100.0;
    }

    /** {@code low} below 0.3, {@code medium} below 0.7, else {@code high}. */
    static VisualIntensity intensity(double level) {
        return level >= HIGH_FROM ? VisualIntensity.HIGH : level >= MEDIUM_FROM ? VisualIntensity.MEDIUM
                : VisualIntensity.LOW;
    }

    static LoadChangeData load(double memoryOpsPerSecond, int activeProcesses, int reasoningSessions) {
        double level = level(memoryOpsPerSecond, activeProcesses);
        return new LoadChangeData(level, activeProcesses, memoryOpsPerSecond, reasoningSessions, intensity(level));
    }

    /**
     * Whether {@code next} is worth a {@code load_change} after {@code last}: another intensity, a level 0.05 or
     * more apart, another count of sessions or processes, or a memory rate 10% (and at least 1 op/s) apart, or one
     * that fell to zero.
     */
    static boolean changedMeaningfully(LoadChangeData last, LoadChangeData next) {
        double rateChange = Math.abs(next.memoryOpsPerSecond() - last.memoryOpsPerSecond());
        return next.visualIntensity() != last.visualIntensity()
                || Math.abs(next.loadLevel() - last.loadLevel()) >= LEVEL_STEP - 1e-9
                || next.reasoningSessions() != last.reasoningSessions()
                || next.activeProcesses() != last.activeProcesses()
                || rateChange >= Math.max(1, RATE_STEP * last.memoryOpsPerSecond())
                || (next.memoryOpsPerSecond() == 0) != (last.memoryOpsPerSecond() == 0);
    }
}
