package dev.connectops.cam.sandbox;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;

/** The API's 404 for every route the sandbox does not serve, with a fresh request id like the real one. */
final class NotFoundTransformer implements ResponseDefinitionTransformerV2 {

    static final String NAME = "cam-not-found";

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request request = serveEvent.getRequest();
        // The path only: a query string could carry anything, and this text may end up in a build log.
        String url = request.getUrl();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return ApiResponses.errors(serveEvent.getResponseDefinition(), 404, List.of(new ApiError(404, "not_found",
                "Not Found", "The sandbox has no resource " + request.getMethod() + " " + path + ".", null)));
    }
}
