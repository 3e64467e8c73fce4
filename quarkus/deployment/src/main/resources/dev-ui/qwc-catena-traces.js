import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import '@vaadin/button';

/**
 * The Catena card's Traces page: the last root runs of chains and agents (JSON-RPC traces()), newest
 * first, each a tree of runs: name, type, duration, status, and on opening its input, output and children.
 */
export class QwcCatenaTraces extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        .run { margin-left: 1em; }
        summary { cursor: pointer; }
        .type { color: var(--lumo-secondary-text-color); }
        .error { color: var(--lumo-error-text-color); }
        .success { color: var(--lumo-success-text-color); }
        pre { margin: 2px 0 2px 1em; white-space: pre-wrap; font-size: var(--lumo-font-size-s); }
    `;

    static properties = {
        _traces: { state: true }
    };

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
    }

    _refresh() {
        this.jsonRpc.traces().then(response => this._traces = response.result);
    }

    _clear() {
        this.jsonRpc.clearTraces().then(() => this._refresh());
    }

    render() {
        if (!this._traces) return html`<p>Loading traces...</p>`;
        return html`
            <vaadin-button @click=${() => this._refresh()}>Refresh</vaadin-button>
            <vaadin-button @click=${() => this._clear()}>Clear</vaadin-button>
            ${this._traces.length === 0 ? html`<p>No runs yet: call a chain or an agent.</p>` : ''}
            ${this._traces.map(t => this._run(t))}`;
    }

    _run(run) {
        const duration = run.durationMillis < 0 ? 'running' : run.durationMillis + ' ms';
        return html`<details class="run">
            <summary>${run.name} <span class="type">(${run.type})</span> ${duration}
                <span class="${run.status}">${run.status}</span></summary>
            <pre>input: ${run.input}</pre>
            <pre>${run.status === 'error' ? 'error' : 'output'}: ${run.output}</pre>
            ${run.children.map(c => this._run(c))}
        </details>`;
    }
}
customElements.define('qwc-catena-traces', QwcCatenaTraces);
