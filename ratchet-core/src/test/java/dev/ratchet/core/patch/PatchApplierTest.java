package dev.ratchet.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link PatchApplier}, the adapter the executor uses, on apply_patch envelopes. */
class PatchApplierTest {

    private static final String APP = """
            import sys


            def greet(name):
                message = "Hi " + name
                print(message)
                return message


            def main():
                args = sys.argv[1:]
                greet(args[0])
                return 0
            """;

    private static void apply(String body, MapFileTree tree) {
        PatchApplier.apply(ApplyPatch.parse("*** Begin Patch\n" + body + "*** End Patch\n"), tree);
    }

    @Test
    void addsAFile() {
        MapFileTree tree = new MapFileTree();

        apply("*** Add File: docs/hello.txt\n+Hello\n+  world\n", tree);

        assertThat(tree.files()).containsExactly(Map.entry("docs/hello.txt", "Hello\n  world\n"));
    }

    @Test
    void deletesAFile() {
        MapFileTree tree = new MapFileTree().with("a.txt", "a\n").with("b.txt", "b\n");

        apply("*** Delete File: a.txt\n", tree);

        assertThat(tree.files()).containsOnlyKeys("b.txt");
    }

    @Test
    void updatesWithThreeLinesOfContext() {
        MapFileTree tree = new MapFileTree().with("src/app.py", APP);

        apply("""
                *** Update File: src/app.py
                @@
                 def greet(name):
                     message = "Hi " + name
                     print(message)
                -    return message
                +    return message.upper()
                 
                 
                 def main():
                """, tree);

        assertThat(tree.content("src/app.py")).isEqualTo(APP.replace("    return message\n",
                "    return message.upper()\n"));
    }

    @Test
    void appliesSeveralHunksInOrder() {
        MapFileTree tree = new MapFileTree().with("src/app.py", APP);

        apply("""
                *** Update File: src/app.py
                @@
                -import sys
                +import os
                +import sys
                @@
                     args = sys.argv[1:]
                -    greet(args[0])
                +    greet(os.environ.get("USER", args[0]))
                     return 0
                """, tree);

        assertThat(tree.content("src/app.py")).isEqualTo(APP.replace("import sys\n", "import os\nimport sys\n")
                .replace("    greet(args[0])\n", "    greet(os.environ.get(\"USER\", args[0]))\n"));
    }

    @Test
    void hunksAreSearchedAfterThePreviousOne() {
        MapFileTree tree = new MapFileTree().with("list.txt", "x\na\nx\nb\nx\n");

        apply("*** Update File: list.txt\n@@\n a\n-x\n+y\n@@\n-x\n+z\n", tree);

        // the second hunk's "x" is the first one after the first change, not the one at the top of the file
        assertThat(tree.content("list.txt")).isEqualTo("x\na\ny\nb\nz\n");
    }

    @Test
    void hunksOutOfOrderDoNotApply() {
        MapFileTree tree = new MapFileTree().with("list.txt", "first\nmiddle\nlast\n");

        assertThatThrownBy(() -> apply("*** Update File: list.txt\n@@\n-last\n+LAST\n@@\n-first\n+FIRST\n",
                tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("*** Update File: list.txt: hunk 2 (line 6 of the patch) matches lines 1-1, which do not "
                        + "come after hunk 1 (lines 3-3): the hunks of a file must be in file order and must not "
                        + "overlap. Merge them into one hunk or put them in order.");
        assertThat(tree.content("list.txt")).isEqualTo("first\nmiddle\nlast\n");
    }

    @Test
    void anchorPicksTheRightOneOfTwoIdenticalSnippets() {
        String source = """
                def setup():
                    x = load()
                    return x

                def foo():
                    x = load()
                    return x
                """;
        MapFileTree withAnchor = new MapFileTree().with("m.py", source);
        MapFileTree withoutAnchor = new MapFileTree().with("m.py", source);
        String hunk = "     x = load()\n-    return x\n+    return x * 2\n";

        apply("*** Update File: m.py\n@@ def foo():\n" + hunk, withAnchor);
        apply("*** Update File: m.py\n@@\n" + hunk, withoutAnchor);

        assertThat(withAnchor.content("m.py")).isEqualTo("""
                def setup():
                    x = load()
                    return x

                def foo():
                    x = load()
                    return x * 2
                """);
        assertThat(withoutAnchor.content("m.py")).startsWith("def setup():\n    x = load()\n    return x * 2\n");
    }

    @Test
    void contextMatchesDespiteDifferentIndentationButAddedLinesStayVerbatim() {
        MapFileTree tree = new MapFileTree().with("src/app.py", APP);

        apply("""
                *** Update File: src/app.py
                @@
                 def greet(name):
                 message = "Hi " + name
                -print(message)
                +    print(message, file=sys.stderr)
                 \treturn message   
                """, tree);

        assertThat(tree.content("src/app.py")).isEqualTo(APP.replace("    print(message)\n",
                "    print(message, file=sys.stderr)\n"));
    }

    @Test
    void endOfFileMarkerMatchesAtTheEnd() {
        MapFileTree tree = new MapFileTree().with("log.txt", "start\nx\nmiddle\nx\n");

        apply("*** Update File: log.txt\n@@\n-x\n+end\n*** End of File\n", tree);

        assertThat(tree.content("log.txt")).isEqualTo("start\nx\nmiddle\nend\n");
    }

    @Test
    void pureAdditionWithoutAnchorAppends() {
        MapFileTree tree = new MapFileTree().with("list.txt", "a\nb\n");

        apply("*** Update File: list.txt\n@@\n+c\n", tree);

        assertThat(tree.content("list.txt")).isEqualTo("a\nb\nc\n");
    }

    @Test
    void pureAdditionAfterAnAnchor() {
        MapFileTree tree = new MapFileTree().with("Foo.java", "class Foo {\n}\n");

        apply("*** Update File: Foo.java\n@@ class Foo {\n+    int x;\n", tree);

        assertThat(tree.content("Foo.java")).isEqualTo("class Foo {\n    int x;\n}\n");
    }

    @Test
    void renamesWithMoveTo() {
        MapFileTree tree = new MapFileTree().with("src/app.py", "def greet():\n    print(\"Hi\")\n")
                .with("obsolete.txt", "old\n");

        PatchApplier.apply(ApplyPatch.parse(ApplyPatchTest.fullExample()), tree);

        assertThat(tree.files()).containsOnlyKeys("hello.txt", "src/main.py");
        assertThat(tree.content("hello.txt")).isEqualTo("Hello world\n");
        // the removed line matched despite its indentation; the added line is taken exactly as written
        assertThat(tree.content("src/main.py")).isEqualTo("def greet():\nprint(\"Hello, world!\")\n");
    }

    @Test
    void trailingNewlineIsPreservedOrNotAddedAsInTheOriginal() {
        MapFileTree tree = new MapFileTree().with("with.txt", "a\nb\n").with("without.txt", "a\nb");

        apply("*** Update File: with.txt\n@@\n-b\n+c\n*** Update File: without.txt\n@@\n-b\n+c\n", tree);

        assertThat(tree.content("with.txt")).isEqualTo("a\nc\n");
        assertThat(tree.content("without.txt")).isEqualTo("a\nc");
    }

    @Test
    void updateOfMissingFileFails() {
        MapFileTree tree = new MapFileTree();

        assertThatThrownBy(() -> apply("*** Update File: nope.py\n@@\n-a\n+b\n", tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("*** Update File: nope.py does not exist");
    }

    @Test
    void addOfExistingFileFails() {
        MapFileTree tree = new MapFileTree().with("hello.txt", "hi\n");

        assertThatThrownBy(() -> apply("*** Add File: hello.txt\n+Hello\n", tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("*** Add File: hello.txt already exists");
        assertThat(tree.content("hello.txt")).isEqualTo("hi\n");
    }

    @Test
    void deleteOfMissingFileFails() {
        assertThatThrownBy(() -> apply("*** Delete File: gone.txt\n", new MapFileTree()))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("*** Delete File: gone.txt does not exist");
    }

    @Test
    void contextNotFoundNamesFileAndHunk() {
        MapFileTree tree = new MapFileTree().with("src/app.py", APP);

        assertThatThrownBy(() -> apply("""
                *** Update File: src/app.py
                @@
                -import sys
                +import os
                @@
                 def main():
                -    args = parse()
                +    args = parse(strict=True)
                """, tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("""
                        *** Update File: src/app.py: hunk 2 (line 6 of the patch) does not match the file.
                        It expects these lines after line 1:
                         def main():
                        -    args = parse()
                        The closest lines in the file are lines 10-11:
                           10| def main():
                           11|     args = sys.argv[1:]
                        Copy the context and '-' lines exactly from the file.""");
        assertThat(tree.content("src/app.py")).as("file untouched when a hunk fails").isEqualTo(APP);
    }

    @Test
    void anchorNotFoundNamesFileAndHunk() {
        MapFileTree tree = new MapFileTree().with("src/app.py", APP);

        assertThatThrownBy(() -> apply("*** Update File: src/app.py\n@@ class Greeter\n-import sys\n+import os\n",
                tree))
                .isInstanceOf(PatchApplyException.class)
                .hasMessage("*** Update File: src/app.py: hunk 1 (line 3 of the patch): no line matches its anchor "
                        + "'@@ class Greeter'. An anchor is a line of the file (a class or function line) that comes "
                        + "before the hunk's lines; copy it from the file or leave it out.");
    }
}
