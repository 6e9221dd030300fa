package dev.connectops.cam.upload;

import java.io.ByteArrayInputStream;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.helpers.DefaultHandler;

/** An S3 {@code <Error>} document: its Code, Message and RequestId. */
public record S3Error(String code, String message, String requestId) {

    /** Parses an error body; empty when it is not an S3 error document (an HTML page, an empty body). */
    public static Optional<S3Error> parse(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints "[Fatal Error]" to stderr for every body that is not XML.
            builder.setErrorHandler(new DefaultHandler());
            Document document = builder.parse(new ByteArrayInputStream(body));
            Element root = document.getDocumentElement();
            if (!"Error".equals(root.getTagName())) {
                return Optional.empty();
            }
            String code = child(root, "Code");
            if (code == null) {
                return Optional.empty();
            }
            return Optional.of(new S3Error(code, child(root, "Message"), child(root, "RequestId")));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String child(Element root, String name) {
        NodeList nodes = root.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }
}
