// Email over SMTP (nodemailer): HTML and text bodies. Server settings come from the channel or EMAIL_* variables.
import nodemailer from 'nodemailer';
import { config } from '../../config.ts';
import type { ChannelConfig } from './config.ts';
import { renderHtml, renderText, subject, type AlertMessage } from '../message.ts';
import { checkHost } from '../targetGuard.ts';
import type { SendResult } from './result.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  security: 'none' | 'starttls' | 'ssl';
  user?: string;
  password?: string;
  from: string;
  /** Set for a host given in a channel (not by the operator's environment): the private-address rule applies. */
  channelHost: boolean;
}

/** The channel's own SMTP server when it names one, else the EMAIL_* environment. */
export function smtpSettings(cfg: ChannelConfig<'email'>): SmtpSettings | null {
  const c = config();
  if (cfg.smtpHost) {
    const security = cfg.smtpSecurity ?? 'none';
    return {
      host: cfg.smtpHost,
      port: cfg.smtpPort ?? (security === 'ssl' ? 465 : 25),
      security,
      user: cfg.smtpUser,
      password: cfg.smtpPassword,
      from: cfg.from ?? c.SERVER_EMAIL,
      channelHost: true,
    };
  }
  if (!c.EMAIL_HOST) return null;
  return {
    host: c.EMAIL_HOST,
    port: c.EMAIL_PORT,
    security: c.EMAIL_USE_SSL ? 'ssl' : c.EMAIL_USE_TLS ? 'starttls' : 'none',
    user: c.EMAIL_USER,
    password: c.EMAIL_PASSWORD,
    from: cfg.from ?? c.SERVER_EMAIL,
    channelHost: false,
  };
}

export async function sendEmail(cfg: ChannelConfig<'email'>, msg: AlertMessage): Promise<SendResult> {
  const smtp = smtpSettings(cfg);
  if (!smtp)
    return {
      ok: false,
      response: '',
      error: 'no SMTP server: set EMAIL_HOST (or an SMTP host on the channel)',
      permanent: true,
    };
  const to = msg.kind === 'issue' && msg.to?.length ? msg.to : cfg.recipients;
  if (!to.length) return { ok: false, response: '', error: 'no recipients', permanent: true };
  // A channel's own server is resolved and checked here, and the connection goes to the checked address (the
  // name stays the TLS server name), so a DNS answer cannot change between the check and the connect.
  const address = smtp.channelHost ? (await checkHost(smtp.host, config().ALERTS_ALLOWED_PRIVATE_TARGETS))[0] : null;
  const transport = nodemailer.createTransport({
    host: address ?? smtp.host,
    servername: address && address !== smtp.host ? smtp.host : undefined,
    port: smtp.port,
    secure: smtp.security === 'ssl',
    requireTLS: smtp.security === 'starttls',
    // Without TLS asked for, do not try STARTTLS opportunistically against a server with a self-signed certificate.
    ignoreTLS: smtp.security === 'none',
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  try {
    const info = await transport.sendMail({
      from: smtp.from,
      to,
      subject: subject(msg),
      text: renderText(msg),
      html: renderHtml(msg),
    });
    const rejected = (info.rejected ?? []).map(String);
    const response = `${info.response ?? ''} (to ${to.join(', ')})`.slice(0, 4000);
    if (rejected.length === to.length)
      return { ok: false, response, error: `all recipients rejected: ${rejected.join(', ')}` };
    return { ok: true, response };
  } finally {
    transport.close();
  }
}
