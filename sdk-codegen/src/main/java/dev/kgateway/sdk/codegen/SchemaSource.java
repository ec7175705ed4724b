package dev.kgateway.sdk.codegen;

import org.jsonschema2pojo.Schema;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the generator knows about the schema file a class comes from: its name as the repository
 * spells it, where in the documents each schema node applies, and which release lines have what.
 *
 * <p>The name is the file's path relative to the repository root (the nearest directory holding
 * {@code .git}), else its directory and file name ({@code schema/backend.json}): generated sources
 * and Javadoc never carry the file system of the machine that built them.
 */
final class SchemaSource {

    private final String displayName;
    private final SchemaPaths paths;
    private final ReleaseLines releases;

    private SchemaSource(String displayName, SchemaPaths paths, ReleaseLines releases) {
        this.displayName = displayName;
        this.paths = paths;
        this.releases = releases;
    }

    /** Reads the schema file behind {@code document} (its URI without fragment). */
    static SchemaSource load(URI document) {
        if (!"file".equals(document.getScheme())) {
            String path = document.getPath() == null ? document.toString() : document.getPath();
            return new SchemaSource(path.substring(path.lastIndexOf('/') + 1), null, null);
        }
        Path file = Path.of(document);
        SchemaPaths paths = Files.isRegularFile(file) ? SchemaPaths.of(JsonMapper.builder().build().readTree(file.toFile())) : null;
        return new SchemaSource(displayName(file), paths, paths == null ? null : ReleaseLines.load(file));
    }

    /** {@code schema/backend.json}: relative to the repository root, else directory and file name. */
    static String displayName(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        for (Path dir = absolute.getParent(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir.relativize(absolute).toString().replace('\\', '/');
            }
        }
        Path parent = absolute.getParent();
        return parent == null || parent.getFileName() == null ? absolute.getFileName().toString()
                : parent.getFileName() + "/" + absolute.getFileName();
    }

    /** The document URI of a jsonschema2pojo schema: its id without the fragment. */
    static URI documentOf(Schema schema) {
        URI id = schema.getId();
        return URI.create(id.getScheme() + ":" + id.getRawSchemeSpecificPart());
    }

    /** The JSON pointer of a jsonschema2pojo schema within its document ({@code ""} for the root). */
    static String pointerOf(Schema schema) {
        return SchemaPaths.normalize(schema.getId().getFragment());
    }

    String displayName() {
        return displayName;
    }

    /** {@code schema/backend.json#/properties/spec}: where a schema node is, reproducibly. */
    String location(Schema schema) {
        String pointer = schema == null || schema.getId() == null ? "" : pointerOf(schema);
        return pointer.isEmpty() ? displayName : displayName + "#" + pointer;
    }

    /** The instance paths ({@code spec.aws}) of the object at {@code schema}; empty when unknown. */
    Set<String> instancePaths(Schema schema) {
        if (paths == null || schema == null || schema.getId() == null) {
            return Set.of();
        }
        return paths.at(pointerOf(schema));
    }

    /** The instance paths of member {@code jsonName} of an object that is at {@code objectPaths}. */
    static Set<String> memberPaths(Collection<String> objectPaths, String jsonName) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : objectPaths) {
            out.add(SchemaPaths.child(p, jsonName));
        }
        return out;
    }

    /** The release sentence for a member, or null without vendored release CRDs. */
    String releases(Collection<String> memberPaths) {
        return releases == null || memberPaths.isEmpty() ? null : releases.describe(memberPaths);
    }

    /** Whether the member at these paths is in the seed schema only (false without vendored release CRDs). */
    boolean seedOnly(Collection<String> memberPaths) {
        return releases != null && !memberPaths.isEmpty() && releases.seedOnly(memberPaths);
    }

    /** The release lines serving {@code path} ("v2.0 and later"), or null (none, or no vendored CRDs). */
    String servedBy(String path) {
        return releases == null ? null : releases.servedBy(path);
    }

    /** Whether the schema has the instance path {@code path} ({@code spec.aws.lambda.functionName}). */
    boolean hasPath(String path) {
        return paths != null && paths.all().contains(path);
    }

    /** Whether release lines are known (the schema has vendored release CRDs next to it). */
    boolean knowsReleases() {
        return releases != null;
    }
}
