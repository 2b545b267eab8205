package dev.ratchet.core.patch;

import java.util.ArrayList;
import java.util.List;

import dev.ratchet.core.patch.PatchOp.Line;

/** The lines two versions of a text have in common (a longest common subsequence), as hunk lines. */
final class LineDiff {

    /**
     * The most cells the table may have: 4 million ints (16 MB) is a 2,000 by 2,000 line SEARCH/REPLACE block;
     * anything bigger is removed and added whole, which is correct, only less precise.
     */
    private static final long MAX_CELLS = 4_000_000;

    private LineDiff() {
    }

    static List<Line> lines(List<String> before, List<String> after) {
        int n = before.size();
        int m = after.size();
        List<Line> result = new ArrayList<>(n + m);
        if ((long) (n + 1) * (m + 1) > MAX_CELLS) {
            before.forEach(text -> result.add(Line.removed(text)));
            after.forEach(text -> result.add(Line.added(text)));
            return result;
        }
        int[][] common = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                common[i][j] = before.get(i).equals(after.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && before.get(i).equals(after.get(j))) {
                result.add(Line.context(before.get(i++)));
                j++;
            } else if (j >= m || i < n && common[i + 1][j] >= common[i][j + 1]) {
                result.add(Line.removed(before.get(i++)));
            } else {
                result.add(Line.added(after.get(j++)));
            }
        }
        return result;
    }
}
