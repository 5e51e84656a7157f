package io.ipcbench.soak;

import io.ipcbench.link.Mechanism;
import io.ipcbench.link.Params;
import io.ipcbench.link.Variant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The sessions of one mechanism's soak and the messages each carries. A session has one message
 * size (the framing of stream mechanisms relies on it), so sizes mix across sessions: each
 * variant runs at {@link #SIZES}, those its kernel carries, and at the largest it carries. With
 * {@code sizesPerVariant} below that count each variant runs that many of its sizes, small and
 * large ones, the choice rotating from one variant to the next, so that a mechanism's variants
 * together cover most sizes (the bounded soak of {@code mvn verify}); a long soak runs every size
 * of every variant.
 * <p>
 * The mechanism's message target is shared among sessions by weight (a blocking stream 1, a round
 * trip {@link SoakPlan#ONE_IN_FLIGHT_WEIGHT}, a spinning side {@link SoakPlan#SPINNING_WEIGHT} of
 * that), except that a session of large messages moves at most
 * {@link #BYTES_PER_TARGET_MESSAGE} bytes per message of the target, and at least {@link #MIN_MESSAGES}
 * messages: small messages make up the count, large ones the bytes.
 */
public final class SoakSchedule {
    /**
     * Sizes at the edges mechanisms care about: one byte, less than the 8-byte sequence number,
     * exactly it, either side of a cache line, of a page, and of the 64 KiB pipe buffer.
     */
    public static final List<Integer> SIZES = List.of(1, 7, 8, 63, 65, 4095, 4097, 65537);
    static final long BYTES_PER_TARGET_MESSAGE = 16;
    static final long MIN_MESSAGES = 4;

    /** Every size of every variant. */
    public static final int ALL_SIZES = Integer.MAX_VALUE;

    private SoakSchedule() {}

    /** One session: a peer process, one variant in one shape, one size (0: no size, a signal), {@code messages} of them. */
    public record Session(Mechanism mechanism, Variant variant, int size, long messages) {
        public Params params() {
            return SoakSchedule.params(mechanism.name(), variant, size);
        }

        public String label() {
            return variant.label() + (size == 0 ? "" : " size=" + size);
        }
    }

    public static List<Session> of(SoakPlan plan, long target, int sizesPerVariant) {
        List<Session> sized = new ArrayList<>();
        List<Variant> variants = plan.variants();
        for (int v = 0; v < variants.size(); v++) {
            Variant variant = variants.get(v);
            chosen(carried(plan, variant), v, sizesPerVariant).forEach(size -> sized.add(new Session(plan.mechanism(), variant, size, 0)));
        }
        double share = shareFor(sized, target);
        return sized.stream().map(s -> new Session(s.mechanism(), s.variant(), s.size(), count(s, share, target))).toList();
    }

    /** The sizes {@code variant} runs at on this kernel: {@link #SIZES} that it carries, then the largest it carries. */
    static List<Integer> carried(SoakPlan plan, Variant variant) {
        return switch (variant.payload()) {
            case NONE -> List.of(0);
            case COUNTER -> List.of(8);
            case PATTERNED -> {
                List<Integer> sizes = new ArrayList<>(SIZES.stream().filter(size -> carries(plan.mechanism(), variant, size)).toList());
                if (sizes.isEmpty()) {
                    throw new IllegalStateException(plan.name() + " " + variant.label() + " carries none of the sizes " + SIZES
                            + " on this kernel: the soak cannot run it");
                }
                int largest = largest(plan.mechanism(), variant, sizes.getLast());
                if (largest > sizes.getLast()) {
                    sizes.add(largest);
                }
                yield sizes;
            }
        };
    }

    /** The largest size from {@code carried} up that the mechanism accepts (its limits are monotonic in size). */
    private static int largest(Mechanism mechanism, Variant variant, int carried) {
        int lo = carried;
        int hi = Params.MAX_SIZE;
        if (carries(mechanism, variant, hi)) {
            return hi;
        }
        while (hi - lo > 1) {
            int mid = lo + (hi - lo) / 2;
            if (carries(mechanism, variant, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * The {@code k} sizes variant number {@code v} runs, of those it carries ({@code ascending}):
     * all of them if {@code k} reaches their count; else half (rounded up) from the smaller half
     * and the rest from the larger half, each taken in turn from where the previous variant
     * stopped, so that a variant running two sizes carries both many small messages and a few
     * large ones, and the variants together cover the sizes.
     */
    static List<Integer> chosen(List<Integer> ascending, int v, int k) {
        if (k >= ascending.size()) {
            return ascending;
        }
        int half = (ascending.size() + 1) / 2;
        List<Integer> small = ascending.subList(0, half);
        List<Integer> large = ascending.subList(half, ascending.size()).reversed();
        int fromSmall = (k + 1) / 2;
        int fromLarge = k / 2;
        List<Integer> chosen = new ArrayList<>();
        IntStream.range(0, fromSmall).forEach(j -> chosen.add(small.get((v * fromSmall + j) % small.size())));
        IntStream.range(0, fromLarge).forEach(j -> chosen.add(large.get((v * fromLarge + j) % large.size())));
        return chosen;
    }

    /** What validate refuses (a kernel limit, a size the variant cannot carry) is left out; nothing is created. */
    private static boolean carries(Mechanism mechanism, Variant variant, int size) {
        try {
            mechanism.validate(params(mechanism.name(), variant, size));
            return true;
        } catch (IllegalArgumentException refused) {
            return false;
        }
    }

    private static Params params(String mechanism, Variant variant, int size) {
        Map<String, String> values = new LinkedHashMap<>(variant.params());
        if (size > 0) {
            values.put("size", Integer.toString(size));
        }
        if (variant.payload() != Variant.Payload.COUNTER) {
            values.put("verify", "true");
        }
        return new Params(mechanism, values);
    }

    /** The smallest per-weight share that gives the sessions {@code target} messages together (or all they may carry). */
    private static double shareFor(List<Session> sessions, long target) {
        double lo = 0;
        double hi = target / sessions.stream().mapToDouble(s -> SoakPlan.weight(s.variant())).min().orElse(1);
        for (int i = 0; i < 100 && hi - lo > 0.5; i++) {
            double mid = (lo + hi) / 2;
            long total = sessions.stream().mapToLong(s -> count(s, mid, target)).sum();
            if (total >= target) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static long count(Session session, double share, long target) {
        long wanted = Math.max(MIN_MESSAGES, (long) Math.ceil(SoakPlan.weight(session.variant()) * share));
        return session.size() == 0 ? wanted : Math.min(wanted, Math.max(MIN_MESSAGES, BYTES_PER_TARGET_MESSAGE * target / session.size()));
    }
}
