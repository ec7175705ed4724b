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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

import javax.annotation.Nullable;

/**
 * Checked CEL ASTs kept so that a fresh JVM need not parse and type-check a rule again: the ones
 * bundled in this jar ({@value #RESOURCE}, written at build time by {@link AstStoreGenerator} for
 * every {@code KgatewayRelease}) and, when the system property {@value #DIRECTORY_PROPERTY} names a
 * directory, one file per expression compiled before in any JVM (for CRDs read from elsewhere).
 *
 * <p>An entry is found by a SHA-256 key over everything its checked form depends on: the expression
 * text, the declared type of {@code self} and {@code oldSelf} (from the schema node), the rest of the
 * environment ({@link CelEnvironment#fingerprint()}: libraries and options) and the code that checks
 * it: the bytes of cel-java's parser, checker and AST converter classes, and of this module's
 * declarations ({@link CelEnvironment}, {@link KubernetesCelLibrary}). Any difference gives another key, hence a miss; a missing or
 * unreadable store, a corrupt entry (CRC-32) or one cel-java cannot read is a miss too, and a miss
 * compiles. Thread-safe.
 */
public final class AstStore {

    /** The bundled store's class path resource. */
    public static final String RESOURCE = "META-INF/kgateway-sdk/cel-asts.bin";

    /** The system property naming a directory for the cross-JVM store (optional; no store without it). */
    public static final String DIRECTORY_PROPERTY = CrdValidator.CEL_CACHE_DIRECTORY_PROPERTY;

    private static final byte[] MAGIC = "KGCELAST".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final int KEY_BYTES = 32;
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
        byte[] cel = CodeFingerprint.VALUE;
        if (cel == null) {
            return null;
        }
        MessageDigest sha = sha256();
        sha.update(MAGIC);
        sha.update(cel);
        update(sha, CelEnvironment.fingerprint());
        update(sha, typeKey(selfType));
        update(sha, Boolean.toString(optionalOldSelf));
        update(sha, expression);
        return new Key(sha.digest());
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
            bytes = readFile(directory.resolve(key.hex() + ".ast"), key);
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
        Map<Key, byte[]> sorted = new TreeMap<>(entries);
        data.writeInt(sorted.size());
        for (Map.Entry<Key, byte[]> e : sorted.entrySet()) {
            writeEntry(data, e.getKey(), e.getValue());
        }
        data.flush();
    }

    private static void writeEntry(DataOutputStream data, Key key, byte[] bytes) throws IOException {
        data.write(key.bytes);
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
            if (!Arrays.equals(magic, MAGIC) || data.readInt() != FORMAT) {
                return Map.of();
            }
            int count = data.readInt();
            Map<Key, byte[]> out = new java.util.HashMap<>();
            for (int i = 0; i < count; i++) {
                byte[] key = data.readNBytes(KEY_BYTES);
                int crc = data.readInt();
                int length = data.readInt();
                if (key.length != KEY_BYTES || length < 0 || length > (1 << 24)) {
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
            byte[] stored = data.readNBytes(KEY_BYTES);
            int crc = data.readInt();
            int length = data.readInt();
            if (!Arrays.equals(stored, key.bytes) || length < 0 || length > (1 << 24)) {
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
            writeEntry(new DataOutputStream(buffer), key, bytes);
            Path temp = Files.createTempFile(directory, key.hex(), ".tmp");
            try {
                Files.write(temp, buffer.toByteArray());
                Files.move(temp, directory.resolve(key.hex() + ".ast"), StandardCopyOption.ATOMIC_MOVE,
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

    private static void update(MessageDigest sha, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        sha.update(new byte[] {(byte) (b.length >>> 24), (byte) (b.length >>> 16), (byte) (b.length >>> 8), (byte) b.length});
        sha.update(b);
    }

    private static int crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (int) crc.getValue();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Bundled {
        static final Map<Key, byte[]> ENTRIES = readEntries(AstStore.class.getClassLoader().getResourceAsStream(RESOURCE));
    }

    /** A hash of the {@link #CODE} classes, or {@code null} (no store) when they cannot be read. */
    private static final class CodeFingerprint {
        @Nullable
        static final byte[] VALUE = compute();

        @Nullable
        private static byte[] compute() {
            MessageDigest sha = sha256();
            ClassLoader loader = AstStore.class.getClassLoader();
            for (String name : CODE) {
                try (InputStream in = loader.getResourceAsStream(name)) {
                    if (in == null) {
                        return null;
                    }
                    update(sha, name);
                    sha.update(in.readAllBytes());
                } catch (IOException e) {
                    return null;
                }
            }
            return sha.digest();
        }
    }

    /** A SHA-256 key. */
    static final class Key implements Comparable<Key> {
        private final byte[] bytes;

        Key(byte[] bytes) {
            this.bytes = bytes;
        }

        String hex() {
            return HexFormat.of().formatHex(bytes);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public int compareTo(Key o) {
            return Arrays.compare(bytes, o.bytes);
        }

        @Override
        public String toString() {
            return hex();
        }
    }
}
