package io.crdtkit.benchmarks;

/**
 * One performance target (PERFORMANCE.md, "Targets") held against this run's numbers.
 *
 * @param target   the target as PERFORMANCE.md states it
 * @param case_    which measurement ({@code 100,000 elements})
 * @param measured the measured value, in words and numbers
 * @param verdict  met, missed, or inconclusive
 */
record TargetCheck(String target, String case_, String measured, Verdict verdict) {}
