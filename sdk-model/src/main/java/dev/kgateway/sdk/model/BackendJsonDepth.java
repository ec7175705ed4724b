package dev.kgateway.sdk.model;

import tools.jackson.databind.JsonNode;

import java.util.ArrayDeque;
import java.util.Deque;

import javax.annotation.Nullable;

import static dev.kgateway.sdk.model.BackendJson.MAX_NESTING_DEPTH;

/**
 * The nesting limit for trees, which do not pass through a parser: a tree 10,000 levels deep was
 * read into a Backend whose {@code equals} and {@code hashCode} then overflowed the stack.
 */
final class BackendJsonDepth {

    private BackendJsonDepth() {
    }

    /** Fails, naming the path, when {@code tree} nests deeper than {@link BackendJson#MAX_NESTING_DEPTH}; iterative, so any depth is checked. */
    static void check(@Nullable JsonNode tree) {
        if (tree == null || !tree.isContainer()) {
            return;
        }
        Deque<Level> pending = new ArrayDeque<>();
        pending.push(new Level(tree, 1, null, ""));
        while (!pending.isEmpty()) {
            Level level = pending.pop();
            if (level.depth > MAX_NESTING_DEPTH) {
                throw new BackendReadException("document exceeds a size limit (nesting depth " + MAX_NESTING_DEPTH + ")", level.path());
            }
            if (level.node.isObject()) {
                for (var member : level.node.properties()) {
                    if (member.getValue().isContainer()) {
                        pending.push(new Level(member.getValue(), level.depth + 1, level, "." + member.getKey()));
                    }
                }
            } else {
                for (int i = 0; i < level.node.size(); i++) {
                    if (level.node.get(i).isContainer()) {
                        pending.push(new Level(level.node.get(i), level.depth + 1, level, "[" + i + "]"));
                    }
                }
            }
        }
    }

    /** A container of a tree being checked, with how it was reached. */
    private record Level(JsonNode node, int depth, @Nullable Level parent, String segment) {
        String path() {
            StringBuilder out = new StringBuilder();
            for (Level l = this; l != null; l = l.parent) {
                out.insert(0, l.segment);
            }
            return out.length() > 0 && out.charAt(0) == '.' ? out.substring(1) : out.toString();
        }
    }
}
