package com.optaic.jobs.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.optaic.jobs.model.ModelConfig.DateRange;
import com.optaic.jobs.model.WalkForwardFolds.Fold;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardFoldsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Weekdays of 2019 and 2020: 2019 has 261. */
    private static final List<LocalDate> CALENDAR =
            weekdays(LocalDate.parse("2019-01-01"), LocalDate.parse("2020-12-31"));

    @Test
    void oneFoldEndsItsTrainingTheEmbargoBeforeValidation() throws Exception {
        List<Fold> folds = WalkForwardFolds.plan(CALENDAR, config(""));
        // 2020-01-01 is a Wednesday; six weekdays earlier (5 embargoed + 1) is Tuesday 2019-12-24
        assertThat(folds)
                .containsExactly(new Fold(range("2019-01-01", "2019-12-24"), range("2020-01-01", "2020-12-31")));
    }

    @Test
    void expandingFoldsTrainFromTheStartUpToTheirOwnEmbargo() throws Exception {
        List<Fold> folds = WalkForwardFolds.plan(CALENDAR, config(", \"walk_forward\": {\"every\": 6}"));
        assertThat(folds)
                .containsExactly(
                        new Fold(range("2019-01-01", "2019-12-24"), range("2020-01-01", "2020-06-30")),
                        new Fold(range("2019-01-01", "2020-06-23"), range("2020-07-01", "2020-12-31")));
        assertNoLabelReadsAPredictedDate(folds, 5);
    }

    @Test
    void rollingFoldsKeepTheTrainingRangesLength() throws Exception {
        List<Fold> folds =
                WalkForwardFolds.plan(CALENDAR, config(", \"walk_forward\": {\"every\": 3, \"window\": \"rolling\"}"));
        assertThat(folds).hasSize(4);
        // the first fold starts at the training range's first date, its last 5 dates embargoed; the others slide
        assertThat(folds)
                .extracting(fold -> CALENDAR.indexOf(fold.train().to())
                        - CALENDAR.indexOf(fold.train().from())
                        + 1)
                .containsExactly(256, 261, 261, 261);
        assertThat(folds.get(1).train().from()).isAfter(LocalDate.parse("2019-01-01"));
        assertThat(folds.get(3).predict()).isEqualTo(range("2020-10-01", "2020-12-31"));
        assertNoLabelReadsAPredictedDate(folds, 5);
    }

    @Test
    void aFoldWithoutTrainingDatesIsRefused() throws Exception {
        ObjectNode config = json("");
        config.set("training", MAPPER.readTree("{\"from\": \"2019-12-27\", \"to\": \"2019-12-31\"}"));
        assertThatThrownBy(() -> WalkForwardFolds.plan(CALENDAR, ModelConfig.parse(config)))
                .hasMessage("ModelInstance config: the fold predicting from 2020-01-01 has no training date before"
                        + " its embargo of 5 dates");
    }

    private static void assertNoLabelReadsAPredictedDate(List<Fold> folds, int horizon) {
        for (Fold fold : folds) {
            assertThat(CALENDAR.indexOf(fold.train().to()) + horizon)
                    .isLessThan(CALENDAR.indexOf(fold.predict().from()));
        }
    }

    private static ModelConfig config(String extra) throws Exception {
        return ModelConfig.parse(json(extra));
    }

    private static ObjectNode json(String extra) throws Exception {
        return (ObjectNode) MAPPER.readTree("""
                {"input": "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "features": {"f": "x"},
                 "label": "REF(close,-5)/close-1", "embargo": 5,
                 "training": {"from": "2019-01-01", "to": "2019-12-31"},
                 "validation": {"from": "2020-01-01", "to": "2020-12-31"}%s}""".formatted(extra));
    }

    private static DateRange range(String from, String to) {
        return new DateRange(LocalDate.parse(from), LocalDate.parse(to));
    }

    private static List<LocalDate> weekdays(LocalDate from, LocalDate to) {
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if (date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY) {
                dates.add(date);
            }
        }
        return dates;
    }
}
