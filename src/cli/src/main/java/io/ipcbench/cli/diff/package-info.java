/**
 * {@code diff BASE NEW}: what changed from one run to another ({@link DiffCommand}), and the exit
 * status a CI gate reads. {@link RunDiff} matches the two runs' results by benchmark × params,
 * {@link RowDiff} tests each deciding figure over the forks against the threshold, and
 * {@link DiffDoc} writes the document: summary, environments side by side, every change with its
 * interval, the floors' moves and the flame graphs per operation. With several runs a side
 * ({@code diff A1 A2 -- B1 B2}), {@link PooledDiff} compares every base run with every new run and
 * flags a row only when every pairing flags it, and {@link PooledDoc} writes its document. It depends on results, doc,
 * report (one run's floors and param names) and flame; run diffs a run against its baseline with
 * it.
 */
package io.ipcbench.cli.diff;
