package dev.catena.quarkus.runtime;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Tells a server that does not answer (a database down at start) from a component that is wrong:
 * the first makes the component unavailable and readiness DOWN until it answers, the second fails the start.
 */
final class ConnectionFailures {

    private ConnectionFailures() {}

    /**
     * True when {@code error} or one of its causes is a refused or timed-out connection: a socket error,
     * or an SQL error of class 08 (connection exception) or 57P0 (the server is shutting down or starting).
     */
    static boolean isConnectionFailure(Throwable error) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = error; t != null && seen.put(t, true) == null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof SocketTimeoutException || t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
                return true;
            }
        }
        return false;
    }
}
