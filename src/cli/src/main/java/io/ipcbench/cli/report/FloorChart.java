package io.ipcbench.cli.report;

import io.ipcbench.cli.results.JmhResult;
import io.ipcbench.cli.results.Run;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Each mechanism's round trip against the floors: what the same hand-off costs between two threads of
 * one process through one shared cache line, and what two threads pay to wake each other (the
 * round trips of the {@value Run#FLOOR_MODULE} module), below which no spinning, respectively no
 * blocking, IPC mechanism can go; and the timer, which every sample includes (TimerFloor, an
 * empty sampled operation). Found by the module's name; a run without it says so.
 */
final class FloorChart {
    private FloorChart() {
    }

    /** The chart, or empty with the reason in {@code notes}. */
    static Optional<Chart> of(Run run, List<String> notes) {
        // round trips only: the system-call floor is one call, not a round trip, and has its own table
        List<JmhResult> floors = run.ofModule(Run.FLOOR_MODULE).stream().filter(r -> r.mode().equals("sample")).toList();
        if (floors.isEmpty()) {
            notes.add("No `" + Run.FLOOR_MODULE + "` latency results in this run: no in-process floor to compare "
                    + "the mechanisms against (run the " + Run.FLOOR_MODULE + " module too to get one).");
            return Optional.empty();
        }
        List<JmhResult> mechanisms = run.results().stream()
                .filter(r -> !r.module().equals(Run.FLOOR_MODULE) && r.isLatency() && r.size().isPresent()).toList();
        if (mechanisms.isEmpty()) {
            notes.add("The run has `" + Run.FLOOR_MODULE + "` results but no mechanism's round trip to set against them.");
            return Optional.empty();
        }
        List<Png.Line> lines = new ArrayList<>(SizeCharts.best(mechanisms, JmhResult::typical, false));
        TreeMap<Long, Double> span = new TreeMap<>();
        mechanisms.forEach(r -> span.put(r.size().getAsLong(), 0.0));
        ParamNames names = new ParamNames(floors);
        TreeMap<String, TreeMap<Long, Double>> floorLines = new TreeMap<>();
        for (JmhResult floor : floors) {
            String name = "floor " + floor.shortName() + " " + names.label(floor, "size");
            TreeMap<Long, Double> points = floorLines.computeIfAbsent(name.strip(), n -> new TreeMap<>());
            if (floor.size().isPresent()) {
                points.put(floor.size().getAsLong(), floor.typical());
            } else {
                // a floor without a size holds for every size: drawn across the mechanisms' range
                span.keySet().forEach(size -> points.put(size, floor.typical()));
            }
        }
        floorLines.forEach((name, points) -> lines.add(SizeCharts.line(name, points, true)));
        String title = "Round trip p50 of each mechanism against the in-process floors (dashed)";
        return Optional.of(new Chart("floor.png", title,
                Png.lines(title, "message size (bytes)", "round trip p50 (ns)", lines)));
    }
}
