package io.rngstream.core.signing;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM armour (RFC 7468): base64 DER between BEGIN and END lines with a label. */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END ([A-Z0-9 ]+)-----", Pattern.DOTALL);
    private static final int LINE_LENGTH = 64;

    private Pem() {
    }

    /** The DER bytes of the first block with the given label; text around the block (comments) is ignored. */
    static byte[] decode(final String pem, final String label) {
        if (pem == null) {
            throw new IllegalArgumentException("no PEM text");
        }
        final Matcher block = BLOCK.matcher(pem);
        while (block.find()) {
            if (!block.group(1).equals(block.group(3))) {
                throw new IllegalArgumentException("PEM block BEGIN " + block.group(1) + " ends with END " + block.group(3));
            }
            if (block.group(1).equals(label)) {
                try {
                    return Base64.getMimeDecoder().decode(block.group(2).strip());
                } catch (final IllegalArgumentException e) {
                    throw new IllegalArgumentException("PEM block " + label + " is not valid base64", e);
                }
            }
        }
        throw new IllegalArgumentException("no '-----BEGIN " + label + "-----' block found"
                + (pem.contains("-----BEGIN ") ? " (found " + foundLabels(pem) + ")" : ""));
    }

    /** A PEM block with 64-character lines and a final newline, as OpenSSL writes it. */
    static String encode(final String label, final byte[] der) {
        final String base64 = Base64.getEncoder().encodeToString(der);
        final StringBuilder out = new StringBuilder(base64.length() + 80);
        out.append("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < base64.length(); i += LINE_LENGTH) {
            out.append(base64, i, Math.min(base64.length(), i + LINE_LENGTH)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }

    private static String foundLabels(final String pem) {
        final StringBuilder labels = new StringBuilder();
        final Matcher begin = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----").matcher(pem);
        while (begin.find()) {
            labels.append(labels.isEmpty() ? "" : ", ").append(begin.group(1));
        }
        return labels.toString();
    }
}
