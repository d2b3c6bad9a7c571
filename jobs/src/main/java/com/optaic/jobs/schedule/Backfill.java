package com.optaic.jobs.schedule;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import com.optaic.jobs.run.batch.RunFrame;
import com.optaic.jobs.run.batch.RunOutcome;
import com.optaic.metadata.Actor;
import com.optaic.metadata.Instance;
import com.optaic.metadata.MetadataErrorCode;
import com.optaic.metadata.MetadataStore;
import com.optaic.metadata.Run;
import com.optaic.metadata.RunTrigger;
import com.optaic.metadata.Schedule;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Creates the runs (trigger BACKFILL) of every nominal date of an instance in a date range: the dates its cron fires
 * on (in its time zone), or every business day (Monday to Friday) if it has no schedule. Dates that already have a
 * run are skipped. Runs are queued oldest first and handed to a {@link RunPool} with at most {@code concurrency}
 * running at once (not serialised by instance: a backfill asks for that concurrency); their dependent runs follow.
 *
 * <p>Note: runs that append to the same dataset (a PipelineRun, an ExperimentRun's output) publish against the
 * version they read; launched concurrently, all but one of them may fail with OUTPUT_CONFLICT. Use
 * {@code --concurrency 1} for those.
 */
public final class Backfill {
    /** A backfill covers at most this many days of calendar. */
    static final int MAX_DAYS = 3660;

    private final MetadataStore store;
    private final Actor actor;
    private final RunFrame frame;
    private final Launcher launcher;
    private final Consumer<String> log;

    public Backfill(MetadataStore store, Actor actor, RunFrame frame, Launcher launcher, Consumer<String> log) {
        this.store = requireNonNull(store, "store is null");
        this.actor = requireNonNull(actor, "actor is null");
        this.frame = requireNonNull(frame, "frame is null");
        this.launcher = requireNonNull(launcher, "launcher is null");
        this.log = requireNonNull(log, "log is null");
    }

    public Backfill(MetadataStore store, Actor actor, RunFrame frame, Consumer<String> log) {
        this(store, actor, frame, frame::launch, log);
    }

    /** What a backfill did: the nominal dates skipped (a run existed) and the outcomes of the runs it created. */
    public record Result(List<LocalDate> skipped, List<RunOutcome> outcomes) {
        public Result {
            skipped = List.copyOf(skipped);
            outcomes = List.copyOf(outcomes);
        }
    }

    /** The nominal dates of the instance in {@code [from, to]}, oldest first. */
    public static List<LocalDate> nominalDates(Instance instance, LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, "Backfill range " + from + " .. " + to + " is empty");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "Backfill range " + from + " .. " + to + " is longer than " + MAX_DAYS + " days");
        }
        if (instance.schedule().isEmpty()) {
            return from.datesUntil(to.plusDays(1))
                    .filter(d -> d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY)
                    .toList();
        }
        return nominalDates(instance.schedule().get(), from, to);
    }

    /** The dates in {@code [from, to]} the schedule fires on, oldest first (fire times: {@link CronFireTimes}). */
    static List<LocalDate> nominalDates(Schedule schedule, LocalDate from, LocalDate to) {
        ZonedDateTime after = from.atStartOfDay(schedule.zone()).minusNanos(1);
        ZonedDateTime until = to.plusDays(1).atStartOfDay(schedule.zone()).minusNanos(1);
        List<LocalDate> dates = new ArrayList<>();
        var cron = Scheduler.cron(schedule.cron());
        for (ZonedDateTime next = CronFireTimes.next(cron, schedule.zone(), after);
                next != null && !next.isAfter(until);
                next = CronFireTimes.next(cron, schedule.zone(), next)) {
            LocalDate date = next.toLocalDate();
            if (dates.isEmpty() || !dates.get(dates.size() - 1).equals(date)) {
                dates.add(date);
            }
        }
        return dates;
    }

    public Result run(UUID instanceId, LocalDate from, LocalDate to, int concurrency) {
        if (concurrency < 1) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG, "Concurrency must be at least 1, got " + concurrency);
        }
        Instance instance = store.instances().get(actor, instanceId);
        List<LocalDate> skipped = new ArrayList<>();
        List<Run> queued = new ArrayList<>();
        for (LocalDate date : nominalDates(instance, from, to)) {
            if (store.runs().findByNominalDate(actor, instanceId, date).isPresent()) {
                skipped.add(date);
                continue;
            }
            try {
                queued.add(frame.queue(
                        actor,
                        instanceId,
                        RunTrigger.BACKFILL,
                        Optional.of(date),
                        JsonNodeFactory.instance.objectNode()));
            } catch (OptaicException e) {
                if (!e.code().equals(MetadataErrorCode.ALREADY_EXISTS)) {
                    throw e;
                }
                skipped.add(date);
            }
        }
        log.accept("backfill: " + instance.resource().name() + " " + from + " .. " + to + ": " + queued.size()
                + " runs queued, " + skipped.size() + " dates already had a run; at most " + concurrency + " at once");
        List<RunOutcome> outcomes = new ArrayList<>();
        try (RunPool pool = new RunPool(
                launcher,
                Math.min(concurrency, Math.max(1, queued.size())),
                new DependentRuns(store, frame, log),
                log)) {
            List<CompletableFuture<RunOutcome>> futures = new ArrayList<>();
            for (Run run : queued) {
                futures.add(pool.submit(actor, run.resource().id(), null).thenApply(outcome -> {
                    log.accept("backfill: " + run.nominalDate().orElseThrow() + ": run "
                            + run.resource().id() + " " + outcome.run().status()
                            + outcome.run().error().map(e -> ": " + e).orElse(""));
                    return outcome;
                }));
            }
            for (CompletableFuture<RunOutcome> future : futures) {
                outcomes.add(future.join());
            }
            pool.awaitIdle(); // dependent runs too
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Backfill interrupted", e);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new OptaicException(JobsErrorCode.BATCH_INTERNAL, "Backfill failed: " + e.getCause(), e.getCause());
        }
        return new Result(skipped, outcomes);
    }
}
