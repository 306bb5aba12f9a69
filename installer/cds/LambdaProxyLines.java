import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The class list's {@code @lambda-proxy} lines of one class file, read from its constant pool: one per
 * invokedynamic that LambdaMetafactory.metafactory bootstraps (a plain lambda or method reference). The
 * training run writes them for the classes of installer/cds/unreached-packages, whose lambdas it cannot run: with
 * a line, the archive holds the lambda's class and a start links its call site from there instead of spinning the
 * class (the JVM writes the same line itself for every lambda a run does create). A line names the caller, the
 * interface method, the call site's type, the interface method's erased type, the implementation (kind, class,
 * name, type) and the instantiated type, as the JVM's class-list parser matches them against the constant pool.
 * Build time only; never shipped.
 */
final class LambdaProxyLines {
    private static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    private static final String[] REF_KINDS = {null, "REF_getField", "REF_getStatic", "REF_putField", "REF_putStatic",
            "REF_invokeVirtual", "REF_invokeStatic", "REF_invokeSpecial", "REF_newInvokeSpecial", "REF_invokeInterface"};

    private LambdaProxyLines() {
    }

    static List<String> of(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        int[] first = new int[count];
        int[] second = new int[count];
        String[] utf8 = new String[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // eight-byte constants take two entries
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    first[i] = in.readUnsignedByte();
                    second[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("constant pool tag " + tag);
            }
        }
        in.readUnsignedShort();
        String caller = utf8[first[in.readUnsignedShort()]];
        in.readUnsignedShort();
        in.skipNBytes(2L * in.readUnsignedShort());
        for (int members = 0; members < 2; members++) { // fields, then methods
            int n = in.readUnsignedShort();
            for (int m = 0; m < n; m++) {
                in.skipNBytes(6);
                skipAttributes(in);
            }
        }
        List<int[]> bootstraps = new ArrayList<>();
        int attributes = in.readUnsignedShort();
        for (int a = 0; a < attributes; a++) {
            String name = utf8[in.readUnsignedShort()];
            int length = in.readInt();
            if (!name.equals("BootstrapMethods")) {
                in.skipNBytes(length);
                continue;
            }
            int n = in.readUnsignedShort();
            for (int b = 0; b < n; b++) {
                int ref = in.readUnsignedShort();
                int args = in.readUnsignedShort();
                int[] bsm = new int[1 + args];
                bsm[0] = ref;
                for (int k = 0; k < args; k++) {
                    bsm[1 + k] = in.readUnsignedShort();
                }
                bootstraps.add(bsm);
            }
        }
        List<String> lines = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            if (tags[i] != 18) {
                continue;
            }
            int[] bsm = bootstraps.get(first[i]);
            int factory = second[bsm[0]]; // the bootstrap's MethodHandle -> its Methodref
            if (bsm.length != 4 || !className(utf8, first, factory).equals(METAFACTORY) || !memberName(utf8, first, second, factory).equals("metafactory")) {
                continue; // altMetafactory (serializable, bridges), string concatenation, records, switches
            }
            int nameAndType = second[i];
            int impl = bsm[2];
            int implRef = second[impl];
            lines.add(String.join(" ", "@lambda-proxy", caller, utf8[first[nameAndType]], utf8[second[nameAndType]],
                    utf8[first[bsm[1]]], REF_KINDS[first[impl]], className(utf8, first, implRef), memberName(utf8, first, second, implRef),
                    memberType(utf8, second, implRef), utf8[first[bsm[3]]]));
        }
        return lines;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int a = 0; a < n; a++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt() & 0xFFFFFFFFL);
        }
    }

    /** A Field/Method/InterfaceMethodref's class, in internal form. */
    private static String className(String[] utf8, int[] first, int ref) {
        return utf8[first[first[ref]]];
    }

    private static String memberName(String[] utf8, int[] first, int[] second, int ref) {
        return utf8[first[second[ref]]];
    }

    private static String memberType(String[] utf8, int[] second, int ref) {
        return utf8[second[second[ref]]];
    }
}
