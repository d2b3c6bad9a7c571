package com.optaic.jobs.model;

import com.optaic.common.OptaicException;
import com.optaic.jobs.JobsErrorCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a ModelInstance's dates into folds on the input's trading calendar. Each fold trains on dates that end
 * {@code embargo} calendar dates before its first prediction date, so a training label, which reads at most the
 * horizon (at most the embargo) dates ahead, never reads a date the fold predicts.
 *
 * <ul>
 *   <li>Without {@code walk_forward}: one fold, trained on the training range, predicting the validation range.
 *   <li>With it: the validation range cut into blocks of {@code every} months from its first date; each block is
 *       a fold, trained from the first training date ({@code expanding}) or over as many dates as the training
 *       range has ({@code rolling}), up to its embargo. Later folds thus train on earlier validation dates, never on
 *       their own.
 * </ul>
 */
public final class WalkForwardFolds {
    private WalkForwardFolds() {}

    /** One fold: the calendar dates it trains on and the ones it predicts, both ranges inclusive. */
    public record Fold(ModelConfig.DateRange train, ModelConfig.DateRange predict) {}

    /**
     * @param calendar the input's dates, ascending and distinct
     * @return the folds in date order; a block without a calendar date is skipped
     */
    public static List<Fold> plan(List<LocalDate> calendar, ModelConfig config) {
        ModelConfig.DateRange training = config.training();
        ModelConfig.DateRange validation = config.validation();
        int firstTrain = firstAtOrAfter(calendar, training.from());
        int trainingDates = firstAtOrAfter(calendar, training.to().plusDays(1)) - firstTrain;
        List<Fold> folds = new ArrayList<>();
        LocalDate blockFrom = validation.from();
        while (!blockFrom.isAfter(validation.to())) {
            LocalDate from = blockFrom;
            LocalDate blockTo = config.walkForward()
                    .map(walk -> from.plusMonths(walk.everyMonths()).minusDays(1))
                    .filter(to -> to.isBefore(validation.to()))
                    .orElse(validation.to());
            int first = firstAtOrAfter(calendar, blockFrom);
            int end = firstAtOrAfter(calendar, blockTo.plusDays(1));
            if (first < end) {
                int trainEnd = Math.min(first - config.embargo() - 1, firstTrain + trainingDates - 1);
                int trainStart = firstTrain;
                if (config.walkForward().isPresent()) {
                    trainEnd = first - config.embargo() - 1;
                    if (config.walkForward().get().window() == ModelConfig.Window.ROLLING) {
                        trainStart = Math.max(firstTrain, trainEnd - trainingDates + 1);
                    }
                }
                if (trainEnd < trainStart) {
                    throw new OptaicException(
                            JobsErrorCode.BAD_RUN_CONFIG,
                            "ModelInstance config: the fold predicting from " + calendar.get(first)
                                    + " has no training date before its embargo of " + config.embargo() + " dates");
                }
                folds.add(new Fold(
                        new ModelConfig.DateRange(calendar.get(trainStart), calendar.get(trainEnd)),
                        new ModelConfig.DateRange(calendar.get(first), calendar.get(end - 1))));
            }
            blockFrom = blockTo.plusDays(1);
        }
        if (folds.isEmpty()) {
            throw new OptaicException(
                    JobsErrorCode.BAD_RUN_CONFIG,
                    "ModelInstance config 'validation' has no date of the input from " + validation.from() + " to "
                            + validation.to());
        }
        return List.copyOf(folds);
    }

    /** The index of the first calendar date on or after {@code date}, or the calendar's size. */
    private static int firstAtOrAfter(List<LocalDate> calendar, LocalDate date) {
        int low = 0;
        int high = calendar.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (calendar.get(mid).isBefore(date)) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }
}
