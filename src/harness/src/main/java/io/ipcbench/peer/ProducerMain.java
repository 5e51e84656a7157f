package io.ipcbench.peer;

import io.ipcbench.link.FanIn;
import io.ipcbench.link.Params;
import io.ipcbench.traffic.FanInTraffic;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A producer JVM of a fan-in trial: {@code ProducerMain <fan-in class> <parent pid> <cpu|-1> <index>
 * key=value... -- key=value...} (the trial's params, then what the benchmark side created). Its
 * control protocol is the peer's ({@link PeerMain}): it attaches, reports READY, waits for GO, then
 * sends its stamped messages ({@link FanInTraffic#produce}) until its stdin ends or its parent is gone.
 */
public final class ProducerMain {
    private ProducerMain() {}

    public static void main(String[] args) {
        PeerMain.runChildOf(Long.parseLong(args[1]), parentWatch -> {
            FanIn fanIn = (FanIn) Class.forName(args[0]).getConstructor().newInstance();
            int cpu = Integer.parseInt(args[2]);
            int index = Integer.parseInt(args[3]);
            List<String> rest = Arrays.asList(args).subList(4, args.length);
            int split = rest.indexOf("--");
            Params params = new Params(fanIn.name(), Params.parseArgs(rest.subList(0, split)));
            Map<String, String> offered = Params.parseArgs(rest.subList(split + 1, rest.size()));
            FanIn.Sender sender = fanIn.attachProducer(params, offered, index, parentWatch);
            PeerMain.readyThenPin(parentWatch, cpu);
            FanInTraffic.produce(fanIn.framing(params), sender, params.size(), index);
        });
    }
}
