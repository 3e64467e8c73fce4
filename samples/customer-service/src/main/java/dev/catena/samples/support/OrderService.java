package dev.catena.samples.support;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import jakarta.inject.Singleton;

import java.util.Locale;
import java.util.Map;

/** The order system the bot may query, as a tool (fictional orders in this sample). */
@Singleton // not a client proxy: the agent reads the @Tool methods off the instance
public class OrderService {

    private static final Map<String, String> ORDERS = Map.of(
            "BW-100001", "shipped on 24 November with PostNL, tracking number 3SPNL0001; expected delivery 27 November",
            "BW-100002", "packed; it leaves the warehouse today",
            "BW-100003", "delivered on 20 November",
            "BW-100004", "received; waiting for payment");

    /** The status of an order. */
    @Tool("Looks up the status of a Brightway order by its order number, for example BW-100001")
    public String lookupOrder(@P("the order number, like BW-100001") String orderNumber) {
        String key = orderNumber == null ? "" : orderNumber.strip().toUpperCase(Locale.ROOT);
        String status = ORDERS.get(key);
        return status == null ? "No order " + key + " exists. Order numbers look like BW-100001." : "Order " + key + ": " + status + ".";
    }
}
