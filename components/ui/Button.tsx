// Buttons in the dashboard's look; `variant` picks the emphasis.
import styles from './ui.module.css';

type Variant = 'default' | 'primary' | 'danger' | 'dangerSolid' | 'link';

export function Button({
  variant = 'default',
  className,
  ...rest
}: React.ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  const v = variant === 'default' ? '' : variant === 'link' ? styles.link : `${styles.button} ${styles[variant]}`;
  return (
    <button type="button" className={`${variant === 'link' ? '' : styles.button} ${v} ${className ?? ''}`} {...rest} />
  );
}
