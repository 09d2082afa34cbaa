import { useEffect, useState } from 'react';

const QUERY = '(max-width: 760px)';

/** True on phone-sized screens (the same breakpoint as styles.css), so charts can draw fewer, shorter labels. */
export function usePhone(): boolean {
  const [phone, setPhone] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const m = window.matchMedia(QUERY);
    const on = () => setPhone(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return phone;
}
