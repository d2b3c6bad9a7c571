package com.optaic.jobs.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.common.OptaicException;
import com.optaic.jobs.run.batch.RunFrame;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.PageRequest;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunTrigger;
import com.optaic.metadata.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.springframework.scheduling.support.CronExpression;

/**
 * Turns instance schedules into runs. On every {@link #tick}, for each scheduled instance: the nominal dates due are
 * the dates (in the schedule's time zone) of the cron fire times after its last nominal date (or, if it never had
 * one, after the instance's creation) up to now; the instance's {@link MissedPolicy} picks which of them run; each
 * becomes a Run with trigger SCHEDULE, queued and handed to a {@link RunPool} (at most N running, the runs of one
 * instance one after another), so a long run never delays the next tick. {@code (instance, nominal date)} is unique
 * in the store, so a night another scheduler (or a restart of this one) already queued is skipped, not run twice.
 * When a run publishes a version, the pool's {@link DependentRuns} queue the instances following that dataset.
 */
public final class Scheduler {
    /** At most this many nominal dates are looked at per instance and tick (policy {@code all} included). */
    static final int MAX_DUE = 366;

    private static final int LAST_RUN_SCAN = 200;
    /**
     * A QUEUED run nobody executes is adopted only once it has waited this long: `run start` launches the run it
     * queued within milliseconds, and must not race a scheduler for it.
     */
    static final Duration ADOPT_AFTER = Duration.ofSeconds(10);

    private static final int ADOPT_BATCH = 500;

    private final MetadataStore store;
    private final Actor actor;
    private final RunFrame frame;
    private final RunPool pool;
    private final Consumer<String> log;

    public Scheduler(MetadataStore store, Actor actor, RunFrame frame, RunPool pool, Consumer<String> log) {
        this.store = requireNonNull(store, "store is null");
        this.actor = requireNonNull(actor, "actor is null");
        this.frame = requireNonNull(frame, "frame is null");
        this.pool = requireNonNull(pool, "pool is null");
        this.log = requireNonNull(log, "log is null");
    }

    /** With a pool of its own running one run at a time, dependent runs included. */
    public Scheduler(MetadataStore store, Actor actor, RunFrame frame, Consumer<String> log) {
        this(store, actor, frame, new RunPool(frame::launch, 1, new DependentRuns(store, frame, log), log), log);
    }

    /** What one tick did for one nominal date: the run it queued and handed to the pool, if it created one. */
    public record Fired(UUID instanceId, LocalDate nominalDate, Optional<CompletableFuture<RunOutcome>> pending) {
        /** True if another scheduler (or an earlier tick) already had the run of that date. */
        public boolean alreadyExisted() {
            return pending.isEmpty();
        }

        /** Waits for the run's outcome. */
        public Optional<RunOutcome> outcome() {
            return pending.map(CompletableFuture::join);
        }
    }

    /** Fires every due nominal date of every scheduled instance; an instance's failure does not stop the others. */
    public List<Fired> tick(Instant now) {
        List<Fired> fired = new ArrayList<>();
        for (Instance instance : store.instances().scheduled(actor)) {
            try {
                for (LocalDate date : toRun(instance, now)) {
                    fired.add(fire(instance, date));
                }
            } catch (OptaicException e) {
                log.accept("instance " + instance.resource().id() + " ("
                        + instance.resource().name() + "): " + e.getMessage());
            }
        }
        return fired;
    }

    /** A QUEUED run this scheduler handed to its pool without having queued it. */
    public record Adopted(UUID runId, CompletableFuture<RunOutcome> outcome) {}

    /**
     * Hands the pool the QUEUED runs that no process executes (queued with {@code run start --queue-only}, or left
     * QUEUED when another pool stopped), oldest first, the runs of one instance one after another. A run whose
     * queue time is within {@link #ADOPT_AFTER} of {@code now} is left to the process that queued it.
     */
    public List<Adopted> adoptQueued(Instant now) {
        List<Adopted> adopted = new ArrayList<>();
        for (Run run : store.runs().queued(actor, now.minus(ADOPT_AFTER), ADOPT_BATCH)) {
            UUID id = run.resource().id();
            if (pool.holds(id)) {
                continue;
            }
            log.accept("adopt: run " + id + " (" + run.resource().name() + ") was QUEUED since " + run.queuedAt());
            CompletableFuture<RunOutcome> outcome =
                    pool.submit(actor, id, run.snapshot().instanceId());
            outcome.whenComplete((done, error) -> log.accept("adopt: run " + id + " "
                    + (error != null
                            ? "not executed: " + error.getMessage()
                            : done.run().status()
                                    + done.run().error().map(e -> ": " + e).orElse(""))));
            adopted.add(new Adopted(id, outcome));
        }
        return adopted;
    }

    /** The nominal dates this tick runs for the instance, oldest first, after its missed-night policy. */
    List<LocalDate> toRun(Instance instance, Instant now) {
        Schedule schedule = instance.schedule().orElseThrow();
        Optional<LocalDate> last = lastNominalDate(instance.resource().id());
        ZonedDateTime after = last.map(
                        d -> d.plusDays(1).atStartOfDay(schedule.zone()).minusNanos(1))
                .orElse(instance.resource().createdAt().atZone(schedule.zone()));
        TreeMap<LocalDate, ZonedDateTime> due = dueDates(schedule, after, now.atZone(schedule.zone()));
        if (due.isEmpty()) {
            return List.of();
        }
        return switch (MissedPolicy.of(instance.config())) {
            case ALL -> List.copyOf(due.keySet());
            case LATEST -> List.of(due.lastKey());
            case SKIP -> {
                Duration late = Duration.between(due.lastEntry().getValue().toInstant(), now);
                yield late.getSeconds() <= MissedPolicy.graceSeconds(instance.config())
                        ? List.of(due.lastKey())
                        : List.of();
            }
        };
    }

    /**
     * The nominal dates (date of the fire time in the schedule's zone, one per date even if the cron fires several
     * times a day) of the fire times in {@code (after, until]}, with the last fire time of each, the newest
     * {@link #MAX_DUE} at most. Across daylight-saving changes the fire times are {@link CronFireTimes}'s.
     */
    static TreeMap<LocalDate, ZonedDateTime> dueDates(Schedule schedule, ZonedDateTime after, ZonedDateTime until) {
        CronExpression cron = cron(schedule.cron());
        TreeMap<LocalDate, ZonedDateTime> due = new TreeMap<>();
        ZonedDateTime next = CronFireTimes.next(cron, schedule.zone(), after);
        while (next != null && !next.isAfter(until)) {
            due.put(next.toLocalDate(), next);
            if (due.size() > MAX_DUE) {
                due.pollFirstEntry();
            }
            next = CronFireTimes.next(cron, schedule.zone(), next);
        }
        return due;
    }

    /**
     * The store's five-field cron (or macro) as Spring's six-field expression (seconds 0). Note: when both
     * day-of-month and day-of-week are restricted, Spring requires both to match (Unix cron: either).
     */
    public static CronExpression cron(String cron) {
        String trimmed = cron.trim();
        if (trimmed.startsWith("@")) {
            return CronExpression.parse(trimmed);
        }
        // Counted here: Spring's own message counts the seconds field this method adds (6 for a 5-field syntax).
        int fields = trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
        if (fields != 5) {
            throw new IllegalArgumentException(
                    "a cron has 5 fields (minute hour day-of-month month day-of-week), found " + fields + " in '"
                            + trimmed + "'");
        }
        String withSeconds = "0 " + trimmed;
        try {
            return CronExpression.parse(withSeconds);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage()).replace(withSeconds, trimmed);
            throw new IllegalArgumentException(message, e);
        }
    }

    private Optional<LocalDate> lastNominalDate(UUID instanceId) {
        return store.runs().runsOf(actor, instanceId, PageRequest.first(LAST_RUN_SCAN)).items().stream()
                .map(Run::nominalDate)
                .flatMap(Optional::stream)
                .max(Comparator.naturalOrder());
    }

    private Fired fire(Instance instance, LocalDate date) {
        UUID id = instance.resource().id();
        String what = instance.resource().type() + " " + instance.resource().name() + " (" + id + ") for " + date;
        Run queued;
        try {
            queued = frame.queue(
                    actor, id, RunTrigger.SCHEDULE, Optional.of(date), JsonNodeFactory.instance.objectNode());
        } catch (OptaicException e) {
            if (e.code().equals(MetadataErrorCode.ALREADY_EXISTS)) {
                log.accept("schedule: " + what + " already has a run; skipped");
                return new Fired(id, date, Optional.empty());
            }
            throw e;
        }
        log.accept("schedule: " + what + ": run " + queued.resource().id() + " queued");
        CompletableFuture<RunOutcome> outcome =
                pool.submit(actor, queued.resource().id(), id);
        outcome.thenAccept(done -> log.accept("schedule: " + what + ": run "
                + queued.resource().id() + " " + done.run().status()
                + done.run().error().map(e -> ": " + e).orElse("")));
        return new Fired(id, date, Optional.of(outcome));
    }
}
