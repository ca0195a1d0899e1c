package io.crdtkit.benchmarks;

import java.util.Map;

/**
 * The circumstances of one report run, written at the top of both result files.
 *
 * @param generated   when the run ended (UTC, ISO-8601)
 * @param mode        quick, full or smoke
 * @param machine     see {@link Machine#describe()}
 * @param jmhVersion  the JMH version that measured
 * @param loadAtStart the load average before the first benchmark
 * @param loadAtEnd   the load average after the last measurement
 * @param conditions  the load throughout the run and what each part took
 */
record RunInfo(String generated, RunMode mode, Map<String, Object> machine, String jmhVersion, String loadAtStart,
    String loadAtEnd, RunConditions conditions) {}
