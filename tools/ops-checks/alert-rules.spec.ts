import * as fs from 'node:fs';
import {
  ALERTS_FILE,
  ALERTS_TEST_FILE,
  RUNBOOKS_FILE,
  alertTestCoverage,
  markdownAnchors,
  parseAlertRules,
  type AlertRule,
} from './ops-files';

const RUNBOOK_PREFIX = 'docs/operations/runbooks.md#';

describe('alerts.yml', () => {
  let rules: AlertRule[];

  beforeAll(() => {
    rules = parseAlertRules(fs.readFileSync(ALERTS_FILE, 'utf8'));
  });

  it('has the alerts the operations issue asks for', () => {
    expect(rules.map((r) => r.name)).toEqual(
      expect.arrayContaining([
        'HeraldConsumerLagHigh',
        'HeraldConsumerLagGrowing',
        'HeraldConsumerBlocked',
        'HeraldDlqRecords',
        'HeraldDeliveryRateDrop',
        'HeraldCarrierDown',
        'HeraldMessagesParked',
        'HeraldDlrLatencySloBurnFast',
        'HeraldDlrLatencySloBurnSlow',
        'HeraldNoReceipts',
        'HeraldServiceDown',
        'HeraldMemoryHigh',
      ]),
    );
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
  });

  it('gives every alert an expression, a severity, a summary and a description', () => {
    for (const r of rules) {
      expect({ alert: r.name, hasExpr: r.expr.length > 0, severity: r.fields['severity'] }).toEqual({
        alert: r.name,
        hasExpr: true,
        severity: expect.stringMatching(/^(critical|warning)$/),
      });
      expect({ alert: r.name, summary: !!r.fields['summary'], description: !!r.fields['description'] }).toEqual({
        alert: r.name,
        summary: true,
        description: true,
      });
    }
  });

  it('points every runbook_url at an existing section of docs/operations/runbooks.md', () => {
    const anchors = markdownAnchors(fs.readFileSync(RUNBOOKS_FILE, 'utf8'));
    for (const r of rules) {
      const url = r.fields['runbook_url'] ?? '';
      expect({ alert: r.name, url }).toEqual({ alert: r.name, url: `${RUNBOOK_PREFIX}${r.name.toLowerCase()}` });
      expect({ alert: r.name, anchorExists: anchors.has(url.slice(RUNBOOK_PREFIX.length)) }).toEqual({
        alert: r.name,
        anchorExists: true,
      });
    }
  });

  it('has a promtool test of every alert firing and of it staying silent', () => {
    const coverage = alertTestCoverage(fs.readFileSync(ALERTS_TEST_FILE, 'utf8'));
    for (const r of rules)
      expect({ alert: r.name, ...coverage.get(r.name) }).toEqual({ alert: r.name, firing: true, silent: true });
  });
});
