package dev.swarmlab;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * allMatch and noneMatch for tests, which hold of an empty stream whatever the predicate: here an empty stream fails
 * the test (there was nothing to check), so an assertion over what a filter kept cannot pass by keeping nothing.
 */
public final class Each {
    private Each() {
    }

    /** Whether every item matches; fails the test if there is none. */
    public static <T> boolean all(Stream<T> items, Predicate<? super T> which) {
        return nonEmpty(items).stream().allMatch(which);
    }

    /** Whether no item matches; fails the test if there is none. */
    public static <T> boolean none(Stream<T> items, Predicate<? super T> which) {
        return nonEmpty(items).stream().noneMatch(which);
    }

    private static <T> List<T> nonEmpty(Stream<T> items) {
        List<T> list = items.toList();
        if (list.isEmpty()) {
            throw new AssertionError("nothing to check: the list the assertion is over is empty");
        }
        return list;
    }
}
