package io.parley.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.vertx.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpServer;

/**
 * A local HTTP server standing in for an external system (a messaging provider, an integrator's endpoint): it records
 * every request and answers with what the test's handler returns.
 */
public final class FakeHttpServer implements AutoCloseable {

    /**
     * A request as received.
     *
     * @param receivedAtNanos when it arrived, by {@link System#nanoTime()}
     */
    public record Request(String method, String path, MultiMap headers, MultiMap query, String body,
            long receivedAtNanos) {

        public String header(String name) {
            return headers.get(name);
        }
    }

    /** An answer to send. */
    public record Answer(int status, String contentType, String body, Map<String, String> headers) {

        public static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, Map.of());
        }
    }

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeHttpServer(Function<Request, Answer> handler) throws Exception {
        server = vertx.createHttpServer().requestHandler(request -> {
            long arrived = System.nanoTime();
            request.body().subscribe().with(body -> {
                Request recorded = new Request(request.method().name(), request.path(),
                        MultiMap.caseInsensitiveMultiMap().addAll(request.headers().getDelegate()),
                        MultiMap.caseInsensitiveMultiMap().addAll(request.params().getDelegate()), body.toString(), arrived);
                requests.add(recorded);
                Answer answer = handler.apply(recorded);
                var response = request.response().setStatusCode(answer.status());
                answer.headers().forEach(response::putHeader);
                if (answer.contentType() != null) {
                    response.putHeader("Content-Type", answer.contentType());
                }
                response.endAndForget(Buffer.buffer(answer.body() == null ? "" : answer.body()));
            }, failure -> request.response().setStatusCode(500).endAndForget());
        }).listenAndAwait(ParleyInfrastructure.freePort(), "127.0.0.1");
    }

    public static FakeHttpServer start(Function<Request, Answer> handler) throws Exception {
        return new FakeHttpServer(handler);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        vertx.closeAndAwait();
    }
}
