package io.ipcbench.cli.lessons;

/**
 * What a run says about one claim: the numbers it rests on and the rule that decided.
 *
 * @param measured  the numbers, with the rows they come from
 * @param threshold the rule, stated so a reader can apply it by hand
 */
record Verdict(Status status, String measured, String threshold) {

    enum Status {
        REPRODUCED("reproduced"), NOT_REPRODUCED("not reproduced"), INCONCLUSIVE("inconclusive"), NOT_MEASURED("not measured");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    static Verdict notMeasured(String why, String threshold) {
        return new Verdict(Status.NOT_MEASURED, why, threshold);
    }
}
