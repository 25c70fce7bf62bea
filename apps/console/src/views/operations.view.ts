export const OPERATIONS_VIEW = `<h2>Consumer groups</h2>
<canvas data-chart="{{json lagChart}}" height="80"></canvas>
<table>
  <thead><tr><th>group</th><th>state</th><th>members</th><th>lag</th></tr></thead>
  <tbody>
  {{#each groups}}<tr><td>{{groupId}}</td><td>{{state}}</td><td>{{members.length}}</td><td>{{totalLag}}</td></tr>{{/each}}
  </tbody>
</table>
<h2>Dead letters</h2>
<canvas data-chart="{{json dlqChart}}" height="80"></canvas>
<table data-testid="dlqs">
  <thead><tr><th>consumer</th><th>open dead letters</th><th></th></tr></thead>
  <tbody>
  {{#each dlqs}}
    <tr data-consumer="{{consumer}}"><td>{{consumer}}</td><td class="count">{{count}}</td>
      <td>{{#if ../canAct}}{{#if count}}
        <form method="post" action="/operations/dlq/{{consumer}}/redrive"
              data-confirm="Redrive {{count}} dead letter(s) of {{consumer}} through retry.{{consumer}}.v1?">
          <input type="hidden" name="_csrf" value="{{../session.csrfToken}}">
          <button type="submit">Redrive all</button>
        </form>
      {{/if}}{{/if}}</td></tr>
  {{/each}}
  </tbody>
</table>
{{#if notice}}<p class="notice" role="status">{{notice}}</p>{{/if}}`;

export const AUDIT_VIEW = `<table data-testid="audit">
  <thead><tr><th>at</th><th>operation</th><th>status</th><th>actor</th><th>client</th><th>parameters</th></tr></thead>
  <tbody>
  {{#each records}}
    <tr><td>{{at}}</td><td>{{operation}}</td><td>{{status}}</td><td>{{actor}}</td><td>{{client}}</td><td><code>{{json parameters}}</code></td></tr>
  {{/each}}
  </tbody>
</table>`;
