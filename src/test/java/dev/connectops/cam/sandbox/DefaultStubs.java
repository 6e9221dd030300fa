package dev.connectops.cam.sandbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.standalone.MappingsSource;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.stubbing.StubMappings;
import java.util.List;
import java.util.UUID;

/**
 * The sandbox's own stubs, served as WireMock's "default mappings": a test that calls
 * {@code POST /__admin/reset} gets them back instead of an empty server. Saving and removing are ignored so that no
 * admin call can delete them for good.
 */
final class DefaultStubs implements MappingsSource {

    static final String PRESIGN_PATH = "/cam/v1/presigned-upload-url";
    /** Stubs a test registers without a priority (WireMock's default is 5) win over these. */
    static final int SANDBOX_PRIORITY = 10;
    static final int NOT_FOUND_PRIORITY = 100;

    @Override
    public void loadMappingsInto(StubMappings stubMappings) {
        StubMapping presign = post(urlPathEqualTo(PRESIGN_PATH))
                .atPriority(SANDBOX_PRIORITY)
                .willReturn(aResponse().withTransformers(Sandbox.PRESIGN_TRANSFORMER))
                .build();
        StubMapping createArtifact = post(urlPathEqualTo(ConnectArtifactTransformer.PATH))
                .atPriority(SANDBOX_PRIORITY)
                .willReturn(aResponse().withTransformers(Sandbox.CONNECT_ARTIFACTS_TRANSFORMER))
                .build();
        StubMapping readArtifact = get(urlPathMatching(ConnectArtifactTransformer.PATH + "/[^/]+"))
                .atPriority(SANDBOX_PRIORITY)
                .willReturn(aResponse().withTransformers(Sandbox.CONNECT_ARTIFACTS_TRANSFORMER))
                .build();
        StubMapping notFound = any(anyUrl())
                .atPriority(NOT_FOUND_PRIORITY)
                .willReturn(aResponse().withTransformers(NotFoundTransformer.NAME))
                .build();
        stubMappings.addMapping(presign);
        stubMappings.addMapping(createArtifact);
        stubMappings.addMapping(readArtifact);
        stubMappings.addMapping(notFound);
    }

    @Override
    public void save(List<StubMapping> stubMappings) {
    }

    @Override
    public void save(StubMapping stubMapping) {
    }

    @Override
    @SuppressWarnings("removal") // still abstract in MappingsSaver, so it must be implemented
    public void remove(StubMapping stubMapping) {
    }

    @Override
    public void remove(UUID stubMappingId) {
    }

    @Override
    public void removeAll() {
    }
}
