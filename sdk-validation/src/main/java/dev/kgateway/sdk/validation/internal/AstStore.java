package dev.kgateway.sdk.validation.internal;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelProtoAbstractSyntaxTree;
import dev.cel.common.types.CelType;
import dev.cel.expr.CheckedExpr;
import dev.kgateway.sdk.validation.CrdValidator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Adler32;
import java.util.zip.CRC32;

import javax.annotation.Nullable;

/**
 * Checked CEL ASTs kept so that a fresh JVM need not parse and type-check a rule again: the ones
 * bundled in this jar ({@value #RESOURCE}, written at build time by {@link AstStoreGenerator} for
 * every {@code KgatewayRelease}) and, when the system property {@value #DIRECTORY_PROPERTY} names a
 * directory, one file per expression compiled before in any JVM (for CRDs read from elsewhere).
 *
 * <p>An entry is found by everything its checked form depends on: the expression text, the declared
 * type of {@code self} and {@code oldSelf} (from the schema node) and {@code optionalOldSelf} (the
 * entry's key), and, in the store's header, the rest of the environment
 * ({@link CelEnvironment#fingerprint()}: libraries and options) and the code that checks it: cel-java's
 * parser, checker and AST converter classes and this module's declarations ({@link CelEnvironment},
 * {@link KubernetesCelLibrary}), each by its length, CRC-32 and Adler-32 (not a {@code MessageDigest},
 * whose providers cost a fresh JVM more than a hundred classes). A header that differs discards the
 * whole store; a key that differs is a miss; a missing or unreadable store, a damaged entry (CRC-32)
 * or one cel-java cannot read is a miss too, and a miss compiles. A directory file is named by the
 * SHA-256 of header and key and holds both. Thread-safe.
 */
public final class AstStore {

    /** The bundled store's class path resource. */
    public static final String RESOURCE = "META-INF/kgateway-sdk/cel-asts.bin";

    /** The system property naming a directory for the cross-JVM store (optional; no store without it). */
    public static final String DIRECTORY_PROPERTY = CrdValidator.CEL_CACHE_DIRECTORY_PROPERTY;

    private static final byte[] MAGIC = "KGCELAST".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 2;
    private static final int MAX_BYTES = 1 << 24;
    /**
     * Classes whose code decides what a checked AST looks like: cel-java's parser, checker and AST
     * converter (an upgrade changes them), and this module's declarations of the environment.
     */
    private static final String[] CODE = {
        "dev/kgateway/sdk/validation/internal/CelEnvironment.class",
        "dev/kgateway/sdk/validation/internal/KubernetesCelLibrary.class",
        "dev/cel/parser/Parser.class", "dev/cel/parser/CelParserImpl.class", "dev/cel/parser/CelStandardMacro.class",
        "dev/cel/checker/ExprChecker.class", "dev/cel/checker/CelCheckerLegacyImpl.class",
        "dev/cel/checker/CelStandardDeclarations.class",
        "dev/cel/common/CelProtoAbstractSyntaxTree.class", "dev/cel/common/ast/CelExprConverter.class",
    };

    private final Map<Key, byte[]> entries;
    @Nullable
    private final Path directory;
    private final boolean lookups;
    private final boolean recording;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    private AstStore(Map<Key, byte[]> entries, @Nullable Path directory, boolean lookups, boolean recording) {
        this.entries = entries;
        this.directory = directory;
        this.lookups = lookups;
        this.recording = recording;
    }

    /** @return the bundled entries, and the directory of {@value #DIRECTORY_PROPERTY} when set */
    public static AstStore standard() {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        return new AstStore(Bundled.ENTRIES, dir == null || dir.isBlank() ? null : Path.of(dir), true, false);
    }

    /** @return a store that never finds anything: every expression is compiled */
    public static AstStore none() {
        return new AstStore(Map.of(), null, false, false);
    }

    /**
     * @param directory the cross-JVM store's directory (created when missing)
     * @return a store of that directory only
     */
    public static AstStore directory(Path directory) {
        return new AstStore(Map.of(), directory, true, false);
    }

    /**
     * @param in a store in the bundled format
     * @return a store of those entries (none when the stream is not a readable store)
     */
    public static AstStore read(InputStream in) {
        return new AstStore(readEntries(in), null, true, false);
    }

    /** @return a store that finds nothing and keeps what is compiled, for {@link #write} */
    static AstStore recording() {
        return new AstStore(new ConcurrentHashMap<>(), null, false, true);
    }

    /** @return how many expressions came from the store */
    public int hits() {
        return hits.get();
    }

    /** @return how many expressions were compiled (not found, unreadable, or no store) */
    public int misses() {
        return misses.get();
    }

    /** The store's key of an expression checked with {@code self} of type {@code selfType}. */
    @Nullable
    static Key key(String expression, CelType selfType, boolean optionalOldSelf) {
        if (Environment.VALUE == null) {
            return null;
        }
        return new Key(parts(typeKey(selfType), Boolean.toString(optionalOldSelf), expression));
    }

    /** @return the header every entry of a store depends on, or {@code null} when there can be no store */
    @Nullable
    static String environment() {
        return Environment.VALUE;
    }

    /** Length-prefixed parts: no two lists of parts read alike. */
    private static String parts(String... parts) {
        StringBuilder key = new StringBuilder();
        for (String part : parts) {
            key.append(part.length()).append(':').append(part).append('\n');
        }
        return key.toString();
    }

    /**
     * The part of every key that is the same for all entries of a store, written once in its header:
     * the format, the checking code's checksums and the environment; {@code null} when the code cannot be read.
     */
    private static final class Environment {
        @Nullable
        static final String VALUE = CodeFingerprint.VALUE == null ? null
                : parts(Integer.toString(FORMAT), CodeFingerprint.VALUE, CelEnvironment.fingerprint());
    }

    /**
     * @return the stored checked AST of the key, or {@code null} when it is not there or cannot be read
     */
    @Nullable
    CelAbstractSyntaxTree find(@Nullable Key key) {
        if (key == null || !lookups) {
            return null;
        }
        byte[] bytes = entries.get(key);
        if (bytes == null && directory != null) {
            bytes = readFile(directory.resolve(key.fileName()), key);
        }
        if (bytes == null) {
            return null;
        }
        try {
            CelAbstractSyntaxTree ast = CelProtoAbstractSyntaxTree.fromCheckedExpr(CheckedExpr.parseFrom(bytes)).getAst();
            // a checked AST has the type of its root: anything else is not what the compiler wrote
            return ast.isChecked() && ast.getTypeMap().containsKey(ast.getExpr().id()) ? ast : null;
        } catch (IOException | RuntimeException e) {
            return null; // written by another cel-java, or damaged: compile instead
        }
    }

    /** Counts a lookup's outcome (for tests and benchmarks). */
    void count(boolean hit) {
        (hit ? hits : misses).incrementAndGet();
    }

    /** Keeps a compiled AST: in the recording map, and in the directory when there is one. */
    void keep(@Nullable Key key, CelAbstractSyntaxTree ast) {
        if (key == null || (!recording && directory == null)) {
            return;
        }
        byte[] bytes = CelProtoAbstractSyntaxTree.fromCelAst(ast).toCheckedExpr().toByteArray();
        if (recording) {
            entries.put(key, bytes);
        } else {
            writeFile(key, bytes);
        }
    }

    /**
     * Writes the recorded entries in the bundled format (sorted by key: the same rules, the same bytes).
     */
    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.write(MAGIC);
        data.writeInt(FORMAT);
        writeKey(data, Environment.VALUE);
        Map<Key, byte[]> sorted = new TreeMap<>(entries);
        data.writeInt(sorted.size());
        for (Map.Entry<Key, byte[]> e : sorted.entrySet()) {
            writeEntry(data, e.getKey(), e.getValue());
        }
        data.flush();
    }

    private static void writeEntry(DataOutputStream data, Key key, byte[] bytes) throws IOException {
        writeKey(data, key.material);
        data.writeInt(crc(bytes));
        data.writeInt(bytes.length);
        data.write(bytes);
    }

    private static Map<Key, byte[]> readEntries(@Nullable InputStream in) {
        if (in == null) {
            return Map.of();
        }
        try (DataInputStream data = new DataInputStream(in)) {
            byte[] magic = data.readNBytes(MAGIC.length);
            if (!Arrays.equals(magic, MAGIC) || data.readInt() != FORMAT || Environment.VALUE == null
                    || !Environment.VALUE.equals(readKey(data))) {
                return Map.of(); // another format, cel-java or environment: every rule is compiled
            }
            int count = data.readInt();
            Map<Key, byte[]> out = new java.util.HashMap<>();
            for (int i = 0; i < count; i++) {
                String key = readKey(data);
                int crc = data.readInt();
                int length = data.readInt();
                if (key == null || length < 0 || length > MAX_BYTES) {
                    return Map.copyOf(out);
                }
                byte[] bytes = data.readNBytes(length);
                if (bytes.length == length && crc(bytes) == crc) {
                    out.put(new Key(key), bytes); // a damaged entry is left out: its rule is compiled
                }
            }
            return Map.copyOf(out);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    @Nullable
    private static byte[] readFile(Path file, Key key) {
        try (DataInputStream data = new DataInputStream(Files.newInputStream(file))) {
            String environment = readKey(data);
            String stored = readKey(data);
            int crc = data.readInt();
            int length = data.readInt();
            if (!Objects.equals(Environment.VALUE, environment) || !key.material.equals(stored) || length < 0 || length > MAX_BYTES) {
                return null;
            }
            byte[] bytes = data.readNBytes(length);
            return bytes.length == length && crc(bytes) == crc ? bytes : null;
        } catch (IOException | RuntimeException e) {
            return null; // absent, unreadable, truncated
        }
    }

    private void writeFile(Key key, byte[] bytes) {
        try {
            Files.createDirectories(directory);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(bytes.length + 48);
            DataOutputStream out = new DataOutputStream(buffer);
            writeKey(out, Environment.VALUE);
            writeEntry(out, key, bytes);
            Path temp = Files.createTempFile(directory, "entry", ".tmp");
            try {
                Files.write(temp, buffer.toByteArray());
                Files.move(temp, directory.resolve(key.fileName()), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException | RuntimeException e) {
            // the store is an optimisation: a read-only or full directory only costs the next JVM a compile
        }
    }

    /** A type's full structure, such as {@code map(string, list(dyn))}. */
    static String typeKey(CelType type) {
        StringBuilder out = new StringBuilder().append(type.kind()).append(':').append(type.name());
        if (!type.parameters().isEmpty()) {
            out.append('(');
            for (int i = 0; i < type.parameters().size(); i++) {
                out.append(i == 0 ? "" : ",").append(typeKey(type.parameters().get(i)));
            }
            out.append(')');
        }
        return out.toString();
    }

    private static void writeKey(DataOutputStream data, String key) throws IOException {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        data.writeInt(k.length);
        data.write(k);
    }

    @Nullable
    private static String readKey(DataInputStream data) throws IOException {
        int length = data.readInt();
        if (length < 0 || length > MAX_BYTES) {
            return null;
        }
        byte[] k = data.readNBytes(length);
        return k.length == length ? new String(k, StandardCharsets.UTF_8) : null;
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static final class Bundled {
        static final Map<Key, byte[]> ENTRIES = readEntries(AstStore.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    /** The {@link #CODE} classes' lengths and checksums, or {@code null} (no store) when they cannot be read. */
    private static final class CodeFingerprint {
        @Nullable
        static final String VALUE = compute();

        @Nullable
        private static String compute() {
            StringBuilder out = new StringBuilder();
            ClassLoader loader = AstStore.class.getClassLoader();
            for (String name : CODE) {
                try (InputStream in = loader.getResourceAsStream(name)) {
                    if (in == null) {
                        return null;
                    }
                    byte[] bytes = in.readAllBytes();
                    Adler32 adler = new Adler32();
                    adler.update(bytes);
                    out.append(name.substring(name.lastIndexOf('/') + 1)).append('=').append(bytes.length).append('/')
                            .append(Integer.toHexString(crc(bytes))).append('/').append(Long.toHexString(adler.getValue())).append(';');
                } catch (IOException e) {
                    return null;
                }
            }
            return out.toString();
        }
    }

    /**
     * An entry's key within a store: the type of {@code self}, {@code optionalOldSelf} and the
     * expression (the rest of what it depends on is the store's {@link Environment}).
     */
    static final class Key implements Comparable<Key> {
        private final String material;

        Key(String material) {
            this.material = material;
        }

        /** @return the key itself, as written in the store */
        String material() {
            return material;
        }

        /** @return the directory store's file name: the SHA-256 of the environment and the key (the file holds both) */
        String fileName() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(String.valueOf(Environment.VALUE).getBytes(StandardCharsets.UTF_8));
                sha.update(material.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(sha.digest()) + ".ast";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && material.equals(k.material);
        }

        @Override
        public int hashCode() {
            return material.hashCode();
        }

        @Override
        public int compareTo(Key o) {
            return material.compareTo(o.material);
        }

        @Override
        public String toString() {
            return material;
        }
    }
}
