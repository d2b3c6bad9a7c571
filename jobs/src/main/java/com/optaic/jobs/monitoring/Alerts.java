package com.optaic.jobs.monitoring;

import com.optaic.engine.drift.DriftReport;
import com.optaic.engine.drift.FeatureDrift;
import com.optaic.metadata.NewAlert;
import java.util.ArrayList;
import java.util.List;

/**
 * The alerts a drift report raises: per feature, PSI at or over {@code psi_alert} (severity alert) or
 * {@code psi_warn} (warn), and a drift verdict of its method (warn, metric {@code ks_pvalue} or
 * {@code wasserstein}); for the dataset, {@code dataset_drift} (alert, feature {@code *}, metric
 * {@code share_drifted}).
 */
final class Alerts {
    static final String DATASET = "*";

    private Alerts() {}

    static List<NewAlert> of(DriftReport report, MonitoringConfig config, String window) {
        List<NewAlert> alerts = new ArrayList<>();
        for (FeatureDrift f : report.features()) {
            if (f.psi() >= config.psiAlert()) {
                alerts.add(new NewAlert(NewAlert.ALERT, f.feature(), "psi", f.psi(), config.psiAlert(), window));
            } else if (f.psi() >= config.psiWarn()) {
                alerts.add(new NewAlert(NewAlert.WARN, f.feature(), "psi", f.psi(), config.psiWarn(), window));
            }
            if (f.drift()) {
                String metric = f.method().equals(FeatureDrift.KS) ? "ks_pvalue" : "wasserstein";
                alerts.add(new NewAlert(NewAlert.WARN, f.feature(), metric, f.score(), f.threshold(), window));
            }
        }
        if (report.datasetDrift()) {
            alerts.add(new NewAlert(
                    NewAlert.ALERT,
                    DATASET,
                    "share_drifted",
                    report.shareDrifted(),
                    config.drift().datasetDriftShare(),
                    window));
        }
        return alerts;
    }
}
