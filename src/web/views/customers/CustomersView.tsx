import { useParams } from 'wouter';
import { Customer360 } from './Customer360.tsx';
import { CustomerSearch } from './CustomerSearch.tsx';
import './customers.css';

/** `/customers` finds a customer; `/customers/:id` (any identity) shows their 360. */
export default function CustomersView() {
  const { id } = useParams<{ id?: string }>();
  return id ? <Customer360 id={safeDecode(id)} /> : <CustomerSearch />;
}

// The router may hand over the parameter decoded already; a literal "%" must survive either way.
function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
